"""imsmanifest.xml for a single-SCO SCORM package: SCORM 1.2 (IMS CP 1.1.2 + ADL CP 1.2) or 2004 4th edition.

Written with xml.etree, so every title and file name is escaped by the XML writer. The same structure serves
both versions; only the namespaces, the metadata's schema version, the SCO attribute's spelling and how the
pass mark is given differ (1.2: adlcp:masteryscore on the item; 2004: the primary objective's minimum
normalised measure, which the LMS hands the SCO as cmi.scaled_passing_score).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

XSI = "http://www.w3.org/2001/XMLSchema-instance"
V12 = {
    "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    "schemas": "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
               "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
               "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd",
    "schemaversion": "1.2",
    "scormtype": "scormtype",
}
V2004 = {
    "cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
    "schemas": "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
               "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
               "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd",
    "schemaversion": "2004 4th Edition",
    "scormtype": "scormType",
}


def xml_id(text: str) -> str:
    """An XML ID (NCName): letters, digits, '-', '_' and '.', starting with a letter."""
    return "cw-" + re.sub(r"[^A-Za-z0-9_.-]", "-", text)


def manifest(unit_id: str, title: str, pass_mark: int, files: list[str], version: str = "1.2") -> str:
    """The manifest of a package with one SCO launched at index.html that lists `files`."""
    ns = V12 if version == "1.2" else V2004
    cp, adlcp = ns["cp"], ns["adlcp"]
    ET.register_namespace("", cp)
    ET.register_namespace("adlcp", adlcp)
    ET.register_namespace("xsi", XSI)
    if "imsss" in ns:
        ET.register_namespace("imsss", ns["imsss"])

    def sub(parent: ET.Element, tag: str, text: str | None = None, uri: str = cp, **attrs: str) -> ET.Element:
        e = ET.SubElement(parent, f"{{{uri}}}{tag}", attrs)
        if text is not None:
            e.text = text
        return e

    base = xml_id(unit_id)
    root = ET.Element(f"{{{cp}}}manifest", {"identifier": base, "version": "1.0", f"{{{XSI}}}schemaLocation": ns["schemas"]})
    meta = sub(root, "metadata")
    sub(meta, "schema", "ADL SCORM")
    sub(meta, "schemaversion", ns["schemaversion"])
    orgs = sub(root, "organizations", default=f"{base}-org")
    org = sub(orgs, "organization", identifier=f"{base}-org")
    sub(org, "title", title)
    item = sub(org, "item", identifier=f"{base}-item", identifierref=f"{base}-sco", isvisible="true")
    sub(item, "title", title)
    if version == "1.2":
        sub(item, "masteryscore", str(pass_mark), uri=adlcp)
    else:
        seq = sub(item, "sequencing", uri=ns["imsss"])
        objectives = sub(seq, "objectives", uri=ns["imsss"])
        primary = sub(objectives, "primaryObjective", uri=ns["imsss"], objectiveID=f"{base}-pass", satisfiedByMeasure="true")
        sub(primary, "minNormalizedMeasure", f"{pass_mark / 100:.2f}", uri=ns["imsss"])
    resources = sub(root, "resources")
    res = sub(resources, "resource", identifier=f"{base}-sco", type="webcontent", href="index.html",
              **{f"{{{adlcp}}}{ns['scormtype']}": "sco"})
    for name in files:
        sub(res, "file", href=name)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
