package wildrydes.lab.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import wildrydes.lab.archive.LakeLayout;
import wildrydes.lab.archive.ObjectNames;

/**
 * The tables of a lake and the views that read them. Every folder {@code <lake>/<name>/} with
 * objects under {@code YYYY/MM/DD/HH/} is a view {@code "<name>"} (plus {@code <name_with_underscores>}
 * when its name has '-' or '.'), reading plain JSON, gzip and Parquet objects alike. JSON objects
 * may hold newline-delimited or simply concatenated values ({@code }{}), as records with and
 * without a trailing newline make.
 *
 * <p>The table {@code wildrydes} has the lab's columns and types, as the lab's Hive DDL declares
 * them: {@code Name VARCHAR, StatusTime TIMESTAMP, Latitude DOUBLE, Longitude DOUBLE, Distance
 * DOUBLE, HealthPoints INTEGER, MagicPoints INTEGER}; other tables take the columns the engine
 * finds in their records. Every table ends with {@code datehour} (VARCHAR, {@code YYYY/MM/DD/HH}),
 * the UTC hour folder its object lies in, as Athena's partition projection for Firehose names it:
 * a filter on it ({@code WHERE datehour >= '2026/12/03/10'}) is evaluated on each object's path
 * before the object is opened, so only the folders it allows are read.
 */
public final class LakeCatalog {
    public static final String LAB_TABLE = "wildrydes";
    static final Map<String, String> LAB_COLUMNS = new java.util.LinkedHashMap<>();
    static {
        LAB_COLUMNS.put("Name", "VARCHAR");
        LAB_COLUMNS.put("StatusTime", "TIMESTAMP");
        LAB_COLUMNS.put("Latitude", "DOUBLE");
        LAB_COLUMNS.put("Longitude", "DOUBLE");
        LAB_COLUMNS.put("Distance", "DOUBLE");
        LAB_COLUMNS.put("HealthPoints", "INTEGER");
        LAB_COLUMNS.put("MagicPoints", "INTEGER");
    }
    private static final String OBJECT_COLUMN = "__lake_object";
    private static final String HOUR_GLOB = "[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/[0-9][0-9]";
    private static final String UUID_END = "[0-9a-f]".repeat(12);
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_]");

    private LakeCatalog() {
    }

    /** The lake's tables, by name. */
    public static List<LakeTable> tables(Path lake) {
        List<LakeTable> tables = new ArrayList<>();
        if (!Files.isDirectory(lake)) {
            return tables;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(lake, Files::isDirectory)) {
            for (Path folder : folders) {
                String name = folder.getFileName().toString();
                if (name.startsWith(".") || name.equals(LakeLayout.STATE_FOLDER)) {
                    continue;
                }
                LakeTable table = scan(name, folder);
                if (table.objects() > 0) {
                    tables.add(table);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the lake " + lake + ": " + e.getMessage(), e);
        }
        tables.sort((a, b) -> a.name().compareTo(b.name()));
        return tables;
    }

    private static LakeTable scan(String name, Path folder) throws IOException {
        long objects = 0;
        long bytes = 0;
        boolean plain = false;
        boolean gzip = false;
        boolean parquet = false;
        String first = null;
        String last = null;
        try (Stream<Path> files = Files.walk(folder, 5)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                int slash = relative.lastIndexOf('/');
                if (slash < 0 || !ObjectNames.HOUR_FOLDERS.matcher(relative.substring(0, slash)).matches()
                        || !ObjectNames.isObject(relative.substring(slash + 1)) || !Files.isRegularFile(file)) {
                    continue;
                }
                String hour = relative.substring(0, slash);
                first = first == null || hour.compareTo(first) < 0 ? hour : first;
                last = last == null || hour.compareTo(last) > 0 ? hour : last;
                objects++;
                bytes += Files.size(file);
                if (relative.endsWith(".parquet")) {
                    parquet = true;
                } else if (relative.endsWith(".gz")) {
                    gzip = true;
                } else {
                    plain = true;
                }
            }
        }
        return new LakeTable(name, folder, objects, bytes, plain, gzip, parquet, first, last);
    }

    /** The statements that create a view for each table (and its underscore alias). */
    public static List<String> views(List<LakeTable> tables) {
        List<String> statements = new ArrayList<>();
        for (LakeTable table : tables) {
            String select = select(table);
            statements.add("CREATE OR REPLACE VIEW " + identifier(table.name()) + " AS " + select);
            String alias = UNSAFE.matcher(table.name()).replaceAll("_");
            if (!alias.equals(table.name()) && tables.stream().noneMatch(t -> t.name().equals(alias))) {
                statements.add("CREATE OR REPLACE VIEW " + identifier(alias) + " AS SELECT * FROM " + identifier(table.name()));
            }
        }
        return statements;
    }

    static String select(LakeTable table) {
        boolean lab = table.name().equals(LAB_TABLE);
        String hour = "regexp_extract(" + OBJECT_COLUMN + ", '(\\d{4}/\\d\\d/\\d\\d/\\d\\d)/[^/]*$', 1) AS datehour";
        List<String> parts = new ArrayList<>();
        if (table.json()) {
            List<String> globs = new ArrayList<>();
            if (table.plain()) {
                globs.add(glob(table, "-*-" + UUID_END));
            }
            if (table.gzip()) {
                globs.add(glob(table, "-*.gz"));
            }
            String read = "read_json([" + String.join(", ", globs) + "], format = 'auto', filename = '" + OBJECT_COLUMN + "'"
                    + (lab ? ", columns = " + labColumns() : "") + ")";
            parts.add("SELECT " + (lab ? labSelectList(false) : "* EXCLUDE (" + OBJECT_COLUMN + ")") + ", " + hour + " FROM " + read);
        }
        if (table.parquet()) {
            String read = "read_parquet(" + glob(table, "-*.parquet") + ", union_by_name = true, filename = '" + OBJECT_COLUMN + "')";
            parts.add("SELECT " + (lab ? labSelectList(true) : "* EXCLUDE (" + OBJECT_COLUMN + ")") + ", " + hour + " FROM " + read);
        }
        return String.join(lab ? " UNION ALL " : " UNION ALL BY NAME ", parts);
    }

    private static String glob(LakeTable table, String suffix) {
        String path = table.folder().toAbsolutePath().toString().replace('\\', '/') + "/" + HOUR_GLOB + "/" + table.name() + suffix;
        return "'" + path.replace("'", "''") + "'";
    }

    private static String labColumns() {
        List<String> columns = new ArrayList<>();
        LAB_COLUMNS.forEach((name, type) -> columns.add(name + ": '" + type + "'"));
        return "{" + String.join(", ", columns) + "}";
    }

    /** The lab's columns in order; from Parquet (whose types were inferred or given) cast to the lab's types. */
    private static String labSelectList(boolean cast) {
        List<String> columns = new ArrayList<>();
        LAB_COLUMNS.forEach((name, type) -> columns.add(cast ? "CAST(" + name + " AS " + type + ") AS " + name : name));
        return String.join(", ", columns);
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
