package dev.herald.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.testkit.EmbeddedPostgresExtension;
import dev.herald.testkit.PostgresDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;

@ExtendWith(EmbeddedPostgresExtension.class)
class PostgresDispatchStatementsTest extends DispatchStatementsContract {
    private HikariDataSource pool;

    @BeforeEach
    void connect(PostgresDatabase database) {
        pool = new HikariDataSource();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername(database.user());
        pool.setMaximumPoolSize(16);
        SqlDialect.POSTGRESQL.connectionInitSql().ifPresent(pool::setConnectionInitSql);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Override
    DataSource database() {
        return pool;
    }
}
