/* casework: the trainer pack. Gives every link the address it prints (pack.css shows it after the link in print):
   within the site, the page's place in the site's folder when the site is opened from disk, or its full address
   on a web server; elsewhere, the full address. Links to a section of the pack print nothing. */
(function () {
  "use strict";
  var cw = window.casework;
  if (!cw) return;
  function siteRoot() {
    var base = ".";
    try { base = JSON.parse(document.getElementById("__config").textContent).base || "."; } catch (e) { /* the theme's config is missing: the page's folder */ }
    return new URL(base.replace(/\/?$/, "/"), location.href).href;
  }
  function addresses() {
    var root = siteRoot(), here = location.href.replace(/#.*$/, "");
    document.querySelectorAll(".cw-pack a[href]").forEach(function (a) {
      var href = new URL(a.getAttribute("href"), location.href).href; // also for a link in an SVG map
      if (href.replace(/#.*$/, "") === here || a.classList.contains("headerlink")) return;
      var address = href.indexOf(root) === 0 && location.protocol === "file:" ? href.slice(root.length) : href;
      a.setAttribute("data-cw-address", address.replace(/^mailto:/, ""));
    });
  }
  cw.ready(addresses);
  window.addEventListener("beforeprint", addresses);
})();
