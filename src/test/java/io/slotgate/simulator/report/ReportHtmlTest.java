package io.slotgate.simulator.report;

import io.slotgate.simulator.PolicyResult;
import io.slotgate.simulator.SimulationResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ReportHtmlTest {

    @Test
    void parsesAsXmlWithOneSvgPerPlotAndEveryPolicyNamed() throws Exception {
        SimulationResult result = ReportFixtures.withSweep();
        String html = HtmlReport.render(result);
        Document doc = XmlSupport.parseHtml(html);

        // 4 headline plots + 4 per sweep
        assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(8);
        assertThat(count(html, "<svg")).isEqualTo(8);
        assertThat(doc.getElementsByTagName("table").getLength()).isEqualTo(3); // workload, policies, one sweep
        for (PolicyResult p : result.policies()) {
            assertThat(html).contains(">" + p.policy() + "</td>");
        }
        assertThat(html).contains("0.0854", "99.20", "bookings per hour");
    }

    @Test
    void needsNoNetwork() {
        String html = HtmlReport.render(ReportFixtures.withSweep());

        List<String> urls = new ArrayList<>();
        Matcher m = Pattern.compile("(?i)(https?:)?//[^\"'\\s<>)]+").matcher(html);
        while (m.find()) {
            urls.add(m.group());
        }
        assertThat(urls).isNotEmpty().allMatch(u -> u.equals(SvgPlot.SVG_NS));
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("url(")
                .doesNotContainIgnoringCase("<img");
    }

    @Test
    void theLatencyPlotHasALinePerPolicyEndingAtAllAnswers() throws Exception {
        Document doc = XmlSupport.parseHtml(HtmlReport.render(ReportFixtures.withoutSweeps()));
        Element latency = (Element) figure(doc, "latency").getElementsByTagName("svg").item(0);

        NodeList lines = latency.getElementsByTagName("polyline");
        assertThat(lines.getLength()).isEqualTo(4);
        List<String> texts = texts(latency);
        assertThat(texts).contains("1", "5000", "\u221e", "100", "seed-before", "slotgate");
        Element calls = (Element) figure(doc, "calls-through-day").getElementsByTagName("svg").item(0);
        assertThat(texts(calls)).contains("00:00", "12:00", "24:00");
        assertThat(calls.getElementsByTagName("polyline").getLength()).isEqualTo(4);
    }

    @Test
    void refusalsHaveAPlotOfTheirOwnAndNameThemselvesInThePolicysLabel() throws Exception {
        Document doc = XmlSupport.parseHtml(HtmlReport.render(ReportFixtures.withSweep()));
        Element refused = (Element) figure(doc, "refused-through-day").getElementsByTagName("svg").item(0);

        assertThat(refused.getElementsByTagName("polyline").getLength()).isEqualTo(4);
        assertThat(texts(refused)).contains("seed-hybrid", "slotgate");
        assertThat(texts((Element) figure(doc, "hit-vs-stale").getElementsByTagName("svg").item(0)))
                .contains("seed-hybrid (0.600% refused)").doesNotContain("slotgate (0% refused)");
        assertThat(texts((Element) figure(doc, "latency").getElementsByTagName("svg").item(0)))
                .contains("seed-hybrid (0.600% refused)");
        Element sweep = (Element) figure(doc, "sweep-bookings-per-hour-refused").getElementsByTagName("svg").item(0);
        assertThat(sweep.getElementsByTagName("polyline").getLength()).isEqualTo(4);
    }

    @Test
    void markupInAPolicyNameIsEscapedEverywhere() throws Exception {
        String nasty = "a<b & \"c\" </svg>";
        PolicyResult p = ReportFixtures.policy(nasty, 400_000, 100, 50, 1_000, 3, 900, 4, 10, 300, 30, 1);
        SimulationResult result = ReportFixtures.result(List.of(p), List.of(new SimulationResult.Sweep(
                "ttl <s> & more", "s", List.of(new SimulationResult.Point(30, List.of(p))))));

        String html = HtmlReport.render(result);
        assertThat(html).doesNotContain("a<b").contains("a&lt;b &amp; &quot;c&quot; &lt;/svg&gt;")
                .contains("ttl &lt;s&gt; &amp; more");
        Document doc = XmlSupport.parseHtml(html);
        assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(8);
        assertThat(texts(doc.getDocumentElement())).contains(nasty);
        for (Plots.Plot plot : Plots.all(result)) {
            XmlSupport.parse(plot.svg());
        }

        String md = MarkdownReport.render(result);
        assertThat(md).doesNotContain("a<b").contains("a\\<b \\& \"c\" \\</svg\\>");
        assertThat(TerminalTable.render(result)).contains(nasty);
    }

    private static Element figure(Document doc, String id) {
        NodeList figures = doc.getElementsByTagName("figure");
        for (int i = 0; i < figures.getLength(); i++) {
            Element f = (Element) figures.item(i);
            if (f.getAttribute("id").equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no figure " + id);
    }

    private static List<String> texts(Element root) {
        List<String> out = new ArrayList<>();
        NodeList all = root.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            if (all.item(i).getChildNodes().getLength() == 1) {
                out.add(all.item(i).getTextContent());
            }
        }
        return out;
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
