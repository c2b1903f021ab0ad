import com.adobe.epubcheck.tool.EpubChecker;

/**
 * Checks several EPUB files in one JVM, so that the JVM and epubcheck's
 * schemas load once: the tests' way to batch epubcheck (package testtool).
 * Each book's report is framed by "=== BOOK" and "=== exit N" lines.
 */
public class EPUBCheckBatch {
    public static void main(String[] args) {
        for (String book : args) {
            System.out.println("=== " + book);
            int rc = new EpubChecker().run(new String[] {"--failonwarnings", book});
            System.out.println("=== exit " + rc);
        }
        System.out.flush();
        System.exit(0);
    }
}
