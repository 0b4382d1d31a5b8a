package org.openconversations.local.keys;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openconversations.auth.ApiKeys;
import org.openconversations.auth.KeyRecord;
import org.openconversations.auth.Pepper;
import org.openconversations.config.SecretsManagerSecret;
import org.openconversations.local.CloudFormationTemplate;
import org.openconversations.local.DynamoDbClients;
import org.openconversations.local.HttpApiAuthorizers;
import org.openconversations.local.LocalApiOptions;
import org.openconversations.local.LocalDynamoDb;
import org.openconversations.local.RunningDynamoDb;
import org.openconversations.local.TableCreator;
import org.openconversations.local.TemplateLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code keys create --tenant NAME | keys list | keys revoke KEY_PREFIX}: API key management on the local
 * store (DATA_DIR, DYNAMODB_ENDPOINT and TEMPLATE as the gateway reads them; the DynamoDB Local of a gateway
 * running on DATA_DIR, else one started here) or, with {@code --table} and
 * {@code --pepper-secret}, on a deployed stack with the AWS SDK's default credentials and region. Results go
 * to {@code out} (a new key alone on the last line); everything else to {@code err}. Exit codes: 0 done,
 * 1 a usage error or a failure, with a message.
 */
public final class KeysCli {

    public static final String USAGE = """
            Usage:
              java -jar infra/target/local-api.jar keys create --tenant NAME
              java -jar infra/target/local-api.jar keys list
              java -jar infra/target/local-api.jar keys revoke KEY_PREFIX
            Local by default: the store under DATA_DIR (default .data), or DYNAMODB_ENDPOINT.
            On a deployed stack (AWS default credentials), from the stack outputs:
              --table KeysTableName --pepper-secret ApiKeyPepperSecretArn [--region REGION] [--endpoint-url URL]
            (--pepper-secret is needed to create keys, and to revoke by a whole key.)""";

    private static final List<String> VALUE_OPTIONS =
            List.of("--tenant", "--region", "--table", "--pepper-secret", "--endpoint-url");

    /** A usage mistake: the message, then the usage. */
    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private record Command(String name, List<String> arguments, Map<String, String> options) {
        Optional<String> option(String name) {
            return Optional.ofNullable(options.get(name));
        }
    }

    /** The keys table and how to reach it; closing it stops whatever was started for it. */
    private interface Store extends AutoCloseable {
        KeyManager keys();

        @Override
        void close();
    }

    private static final Logger LOG = LoggerFactory.getLogger(KeysCli.class);

    private KeysCli() {
    }

    /** @param args everything after {@code keys} */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Command command;
        try {
            command = parse(args);
        } catch (UsageException e) {
            err.println("keys: " + e.getMessage());
            err.println(USAGE);
            return 1;
        }
        if (command.name().equals("help")) {
            out.println(USAGE);
            return 0;
        }
        try (Store store = open(command)) {
            switch (command.name()) {
                case "create" -> create(store.keys(), command, out, err);
                case "list" -> list(store.keys(), out, err);
                case "revoke" -> revoke(store.keys(), command, out);
                default -> throw new IllegalStateException(command.name());
            }
            return 0;
        } catch (KeyManager.KeyException | UsageException e) {
            err.println("keys " + command.name() + ": " + e.getMessage());
            return 1;
        } catch (SdkException e) {
            err.println("keys " + command.name() + ": AWS refused or could not be reached: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("keys " + command.name() + ": " + e);
            return 1;
        }
    }

    private static void create(KeyManager keys, Command command, PrintStream out, PrintStream err) {
        String tenant = command.option("--tenant").orElseThrow(() -> new UsageException("create needs --tenant NAME"));
        String key = keys.create(tenant);
        err.println("Created " + ApiKeys.shown(key) + " for tenant '" + tenant
                + "'. Only its hash is stored: keep the key now, it cannot be shown again.");
        out.println(key);
        out.flush();
    }

    private static void list(KeyManager keys, PrintStream out, PrintStream err) {
        List<KeyRecord> records = keys.list();
        if (records.isEmpty()) {
            err.println("No keys yet: keys create --tenant NAME makes one.");
            return;
        }
        int tenantWidth = Math.max("TENANT".length(),
                records.stream().mapToInt(record -> String.valueOf(record.getTenant()).length()).max().orElse(0));
        String row = "%-" + ApiKeys.SHOWN_LENGTH + "s  %-" + tenantWidth + "s  %-20s  %s%n";
        out.printf(row, "PREFIX", "TENANT", "CREATED", "REVOKED");
        for (KeyRecord record : records) {
            out.printf(row, record.getPrefix(), record.getTenant(), time(record.getCreatedAt()),
                    record.isRevoked() ? time(record.getRevokedAt()) : "-");
        }
        out.flush();
    }

    private static void revoke(KeyManager keys, Command command, PrintStream out) {
        KeyManager.Revoked revoked = keys.revoke(command.arguments().getFirst());
        KeyRecord key = revoked.key();
        out.println((revoked.already() ? "Already revoked at " + time(key.getRevokedAt()) + ": " : "Revoked ")
                + key.getPrefix() + " (tenant " + key.getTenant() + ")");
        out.flush();
    }

    private static String time(Long epochSeconds) {
        return epochSeconds == null ? "-" : Instant.ofEpochSecond(epochSeconds).toString();
    }

    private static Command parse(List<String> args) {
        if (args.isEmpty() || List.of("-h", "--help", "help").contains(args.getFirst())) {
            if (args.isEmpty()) {
                throw new UsageException("name a command: create, list or revoke");
            }
            return new Command("help", List.of(), Map.of());
        }
        String name = args.getFirst();
        List<String> arguments = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                int equals = arg.indexOf('=');
                String option = equals < 0 ? arg : arg.substring(0, equals);
                if (!VALUE_OPTIONS.contains(option)) {
                    throw new UsageException("unknown option " + option);
                }
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(option + " needs a value");
                }
                if (value.isBlank()) {
                    throw new UsageException(option + " needs a value");
                }
                options.put(option, value.trim());
            } else {
                arguments.add(arg);
            }
        }
        int expected = switch (name) {
            case "create", "list" -> 0;
            case "revoke" -> 1;
            default -> throw new UsageException("unknown command '" + name + "'");
        };
        if (arguments.size() != expected) {
            throw new UsageException(name + (expected == 0 ? " takes no arguments" : " takes one KEY_PREFIX")
                    + (arguments.isEmpty() ? "" : ", got " + arguments.size()));
        }
        if (options.containsKey("--tenant") && !name.equals("create")) {
            throw new UsageException("--tenant is for create");
        }
        if (options.containsKey("--tenant") && !KeyManager.TENANT.matcher(options.get("--tenant")).matches()) {
            throw new UsageException("a tenant is 1 to 64 letters, digits, '_' or '-'; got '"
                    + options.get("--tenant") + "'");
        }
        boolean deployed = options.containsKey("--table");
        for (String option : List.of("--region", "--pepper-secret", "--endpoint-url")) {
            if (options.containsKey(option) && !deployed) {
                throw new UsageException(option + " works on a deployed stack: add --table KeysTableName");
            }
        }
        return new Command(name, List.copyOf(arguments), Map.copyOf(options));
    }

    private static Store open(Command command) {
        useUrlConnectionHttpClient();
        return command.option("--table").isPresent() ? deployed(command) : local();
    }

    /**
     * The local store as the gateway uses it: the template's keys table in DynamoDB Local on DATA_DIR (started
     * here, tables created if missing) or at DYNAMODB_ENDPOINT, and the pepper file under DATA_DIR.
     */
    private static Store local() {
        LocalApiOptions options = LocalApiOptions.fromEnvironment();
        Path dataDir = options.dataDir().orElse(LocalApiOptions.DEFAULT_DATA_DIR);
        CloudFormationTemplate template = CloudFormationTemplate.load(options.template());
        String table = HttpApiAuthorizers.keysTable(template).orElseThrow(() -> new KeyManager.KeyException(
                options.template() + " has no authorizer function with a " + HttpApiAuthorizers.KEYS_TABLE));
        // A running gateway's DynamoDB Local, if one serves DATA_DIR: a second instance on the same SQLite file
        // would make both fail writes with "database is locked".
        Optional<URI> running = options.dynamoDbEndpoint().or(() -> RunningDynamoDb.of(dataDir));
        LocalDynamoDb started = running.isPresent() ? null : LocalDynamoDb.startPersistent(dataDir);
        URI endpoint = started == null ? running.get() : started.endpoint();
        running.ifPresent(uri -> LOG.info("Using the DynamoDB at {}", uri));
        DynamoDbClient dynamoDb = DynamoDbClients.dynamoDb(endpoint);
        try {
            new TableCreator(dynamoDb).createMissing(template.tables());
        } catch (RuntimeException e) {
            dynamoDb.close();
            if (started != null) {
                started.close();
            }
            throw e;
        }
        KeyManager keys = KeyManager.of(dynamoDb, table, () -> new ApiKeys(Pepper.of(LocalSecretFile.loadOrCreate(dataDir, LocalSecretFile.API_KEY_PEPPER))));
        return new Store() {
            @Override
            public KeyManager keys() {
                return keys;
            }

            @Override
            public void close() {
                dynamoDb.close();
                if (started != null) {
                    started.close();
                }
            }
        };
    }

    /** A deployed stack's KeysTable, with the pepper from its Secrets Manager secret when one is needed. */
    private static Store deployed(Command command) {
        Region region = command.option("--region").map(Region::of)
                .orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion());
        DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        var builder = DynamoDbClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create());
        command.option("--endpoint-url").map(URI::create).ifPresent(builder::endpointOverride);
        DynamoDbClient dynamoDb = builder.build();
        Optional<String> pepperSecret = command.option("--pepper-secret");
        KeyManager keys = KeyManager.of(dynamoDb, command.option("--table").orElseThrow(), () -> new ApiKeys(
                Pepper.of(SecretsManagerSecret.read(pepperSecret.orElseThrow(() -> new UsageException(
                        "--pepper-secret ApiKeyPepperSecretArn (a stack output) is needed to hash a key")),
                        null, region, credentials))));
        return new Store() {
            @Override
            public KeyManager keys() {
                return keys;
            }

            @Override
            public void close() {
                dynamoDb.close();
                credentials.close();
            }
        };
    }

    /**
     * DynamoDB Local puts the Apache and Netty HTTP clients on the classpath too; SDK clients built without an
     * explicit one (the credential providers' STS and SSO clients) would refuse to choose.
     */
    private static void useUrlConnectionHttpClient() {
        if (System.getProperty("software.amazon.awssdk.http.service.impl") == null) {
            System.setProperty("software.amazon.awssdk.http.service.impl",
                    "software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService");
        }
    }
}
