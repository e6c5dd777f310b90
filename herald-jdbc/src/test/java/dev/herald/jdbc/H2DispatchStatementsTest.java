package dev.herald.jdbc;

import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.util.UUID;

class H2DispatchStatementsTest extends DispatchStatementsContract {
    @Override
    DataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:herald-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }
}
