package dev.herald.jdbc;

import dev.herald.testkit.SandboxStoreContract;
import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import dev.herald.testkit.StorePorts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresExtension.class)
class PostgresSandboxStoreTest extends SandboxStoreContract {
    private static PostgresDatabase database;

    @BeforeAll
    static void database(PostgresDatabase db) {
        database = db;
    }

    @Override
    protected StorePorts freshStores() {
        return TestDatabases.emptied(database.dataSource(), clock);
    }
}
