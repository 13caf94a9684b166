package io.slotgate.simulator.report;

import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;

/** Strict XML parsing of the reports' HTML and SVG (no DTDs, no external entities). */
final class XmlSupport {
    private XmlSupport() {
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setExpandEntityReferences(false);
        var builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new InputSource(new StringReader(xml)));
    }

    /** The HTML report as XML: only the HTML5 doctype has to go. */
    static Document parseHtml(String html) throws Exception {
        return parse(html.replaceFirst("^<!DOCTYPE html>", ""));
    }
}
