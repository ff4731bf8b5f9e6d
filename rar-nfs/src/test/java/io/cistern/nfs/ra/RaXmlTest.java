package io.cistern.nfs.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * ra.xml declares each config property's type and default, the adapter's fields hold them too; the container
 * sets only what the deployment overrides, so the two must not drift apart unnoticed.
 */
class RaXmlTest {
    private static final Path RA_XML = Path.of("src/main/rar/META-INF/ra.xml");

    @Test
    void everyDeclaredPropertyHasThatTypeAndDefaultInTheAdapter() throws Exception {
        NfsResourceAdapter defaults = new NfsResourceAdapter();
        List<String> names = new ArrayList<>();
        NodeList properties = parse().getElementsByTagName("config-property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            String name = text(property, "config-property-name");
            names.add(name);
            Method getter = NfsResourceAdapter.class.getMethod("get" + name);
            assertEquals(text(property, "config-property-type"), getter.getReturnType().getName(), name);
            assertEquals(text(property, "config-property-value"), String.valueOf(getter.invoke(defaults)), name);
            NfsResourceAdapter.class.getMethod("set" + name, getter.getReturnType());
        }
        assertTrue(names.contains("PortmapperPort"), names.toString());
        assertEquals("0", String.valueOf(defaults.getPortmapperPort()), "the portmapper is off unless configured");
    }

    private static Document parse() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder().parse(RA_XML.toFile());
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().strip();
    }
}
