"""Finding people and places in text: full names without a title, named schools, nurseries and GP surgeries,
street-level places, and a bare date next to a child.

Names come from a maintained lexicon: the person-name lists Faker keeps for each of its locales (first and
last names of many origins, in Latin script). `names-dataset` was measured first and is far too heavy for
a check that runs at every build (a 56 MB wheel whose first-name table alone takes 40 s and 900 MB to
load); Faker's lists are 9 MB installed and load in a fraction of a second, once, when first needed.

What it cannot catch is written in the authoring guide: a name written in another script, a surname
alone ("the Hargreaves family"), a first name alone, a name missing from every list, and towns.
Every pattern here is linear in the length of the text: no nested repetition, and each bounded.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterator

# Faker locales whose person names are written in Latin script: British and Irish, European, South Asian,
# West and East African, Turkish, Indonesian and Vietnamese names, among others.
LOCALES = (
    "en_GB", "en_IE", "ga_IE", "en_US", "en_NZ", "en_IN", "en_PK", "en_NG", "yo_NG", "ig_NG", "ha_NG", "en_KE", "sw",
    "tw_GH", "zu_ZA", "fr_FR", "de_DE", "es_ES", "es_MX", "it_IT", "pt_PT", "pt_BR", "pl_PL", "ro_RO", "cs_CZ",
    "sk_SK", "hu_HU", "lt_LT", "lv_LV", "et_EE", "hr_HR", "sl_SI", "nl_NL", "sv_SE", "da_DK", "no_NO", "fi_FI",
    "tr_TR", "az_AZ", "id_ID", "vi_VN", "fil_PH", "en_PH", "de_AT", "fr_CH",
)

# Capitalised words that are also in the name lists but, on this kind of site, are almost always something else.
NOT_FIRST = frozenset("""
    Will May Mark Case Child Grace Hope Faith Joy Page Rose Bill Art Sky Summer Autumn Dawn Crystal Lance Chase
    Guy Miles Victoria Jersey Sterling Young Early Long Bright Major Baby Care Early Sandy Rich Frank Noble Hunter
    Justice Royal Rowan Reading Asia India Kenya Paris Sydney Chelsea London Devon Cork Lincoln Chester Derby
    Brooklyn Florence Georgia Carolina Virginia Dakota Holly Ivy Heather Ruby Amber Jade Pearl Iris Poppy Daisy
    Shannon Jordan Cameron Kent Essex Surrey Wales Bedford Wiltshire Hackney City Police Social Home Family Mother
    An In On As At Is It Do Go No So To We Me Be By Or If Of Up Us Harm Sex Love Ever Long Lean Ben Van Von De La Le
""".split())
NOT_SURNAME = frozenset("""
    Street Road Lane Avenue School Academy Nursery Surgery Centre Center College Team Review Court Police Service
    Board Council Partnership Trust Office Unit Group Panel Act Order Plan Level Report Protocol Appendix Section
    Recommendation Finding Lesson Key Summary Introduction Conclusion Child Children Family Case Health Care Social
    Services Hospital Practice Programme Probation Prison Prisons Safeguarding Project Foundation University Centre
    House Hall Park Estate Network Forum Agency Day Week Month Year Act Bill Foundation Institute Society Charity
    Association Commission Committee Ministry Department Inquiry Line Helpline Framework Standard Guidance Model
    January February March April May June July August September October November December Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday
""".split())
_STOP = frozenset("The A An This That These Those His Her Their Our Your Its Local Each Every Any Some One Another Nearby New Old Same".split())

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lord|Lady)\.?[ \t]+$")


@functools.lru_cache(maxsize=1)
def lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, last names) from the Faker locales above, loaded once."""
    first: set[str] = set()
    last: set[str] = set()
    for loc in LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except (ImportError, AttributeError):
            continue
        for attr in dir(provider):
            if attr.startswith("first_names") or attr.startswith("last_names"):
                names = getattr(provider, attr)
                target = first if attr.startswith("first") else last
                target.update(n for n in names if isinstance(n, str) and n[:1].isupper() and " " not in n)
    return frozenset(first - NOT_FIRST), frozenset(last - NOT_SURNAME)


def _is_surname(word: str) -> bool:
    """After a known first name, any capitalised word of three letters or more that is not a common word of
    organisations and places: surnames are too many and too varied for any list ('Warsame', 'Olumide')."""
    return len(word) > 2 and word[:1].isupper() and not word.isupper() and word not in NOT_SURNAME and word not in _STOP


def full_names(text: str) -> Iterator[str]:
    """Every 'First Last' (or 'First Middle Last') in `text` whose first word is a known first name and the next a likely surname."""
    if not any(c.isupper() for c in text):
        return
    first, _ = lexicon()
    words = list(WORD.finditer(text))
    i = 0
    while i < len(words) - 1:
        a, b = words[i], words[i + 1]
        gap = text[a.end(): b.start()]
        if a.group(0) in first and gap in (" ", "\t") and not _TITLE_BEFORE.search(text[max(0, a.start() - 12): a.start()]):
            j = i + 1
            # a middle name: 'Mary Ann Smith'
            if b.group(0) in first and j + 1 < len(words) and text[b.end(): words[j + 1].start()] == " " and _is_surname(words[j + 1].group(0)):
                j += 1
            after = words[j + 1].group(0) if j + 1 < len(words) and text[words[j].end(): words[j + 1].start()] == " " else ""
            if _is_surname(words[j].group(0)) and after not in NOT_SURNAME:  # 'Lucy Faithfull Foundation' is an organisation
                yield text[a.start(): words[j].end()]
                i = j + 1
                continue
        i += 1


_PLACE_KIND = (r"(?:(?:Primary|Junior|Infants?|Secondary|High|Grammar|Community|Catholic|Church of England|C of E|CE|RC|Free|Day|Prep(?:aratory)?)[ \t]+)?"
               r"(?:School|Academy|Nursery|College|Pre-?[Ss]chool|Surgery|Medical Centre|Health Centre|Medical Practice|Children's Centre|Children’s Centre)\b")
NAMED_PLACE = re.compile(rf"\b(?:(?:St\.?|Saint)[ \t]+)?(?:[A-Z][\w'’-]*[ \t]+){{1,4}}{_PLACE_KIND}")
STREET = re.compile(r"\b(?:[A-Z][a-z'’]+[ \t]+){1,3}(?:Road|Street|Avenue|Lane|Close|Drive|Crescent|Terrace|Grove|Mews|Estate)\b")
_GENERIC_PLACE = frozenset("GP Primary Secondary High Junior Infant Infants Grammar Community Catholic Day Nursery School Local Special Independent State Faith Church England of Free Prep".split())


def named_places(text: str) -> Iterator[tuple[str, str]]:
    """('school', 'St Mary's Primary School') or ('street', 'Elm Road'): places named more precisely than a review may."""
    if "Road" in text or "Street" in text or "Avenue" in text or "Lane" in text or any(w in text for w in ("Close", "Drive", "Crescent", "Terrace", "Grove", "Mews", "Estate")):
        for m in STREET.finditer(text):
            if _proper(m.group(0).split()[:-1]):
                yield "street", m.group(0)
    if any(w in text for w in ("School", "Academy", "Nursery", "College", "chool", "Surgery", "Centre", "Practice")):
        for m in NAMED_PLACE.finditer(text):
            if _proper(m.group(0).split()):
                yield "school", m.group(0)


def _proper(words: list[str]) -> bool:
    """At least one word that names the place (not 'The', 'Local', 'GP', 'Primary')."""
    return any(w not in _STOP and w not in _GENERIC_PLACE and w.strip("'’s") not in _GENERIC_PLACE and not _is_kind(w) for w in words)


def _is_kind(word: str) -> bool:
    return word in ("School", "Academy", "Nursery", "College", "Surgery", "Medical", "Centre", "Health", "Practice", "Children's", "Children’s", "St", "St.", "Saint")


_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
EXACT_DATE = re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?{_MONTH}\.?,?[ \t]+\d{{4}}|{_MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}}"
                        r"|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\b")
CHILD = re.compile(r"(?<![\w-])(?:Child [A-Z]{1,2}\d?|[Cc]hild|[Cc]hildren|[Bb]aby|[Ii]nfant|[Ss]on|[Dd]aughter|[Ss]ibling|[Bb]rother|[Ss]ister|[Bb]oy|[Gg]irl|[Pp]upil|[Tt]oddler|[Nn]ewborn)(?![\w-])")
NEAR = 60


def child_dates(text: str, children: frozenset[str] = frozenset()) -> Iterator[str]:
    """An exact date within a few words of a child ('Child S, 12/03/2015'; 'her son ... 3 March 2015')."""
    for m in EXACT_DATE.finditer(text):
        window = text[max(0, m.start() - NEAR): m.end() + NEAR]
        if CHILD.search(window) or any(c in window for c in children):
            yield m.group(0)
