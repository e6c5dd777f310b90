package dev.herald.testkit;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * A real database's {@link DataSource} that records every statement it runs and every commit, with the thread that
 * ran it: what a test asserts when it bounds the statements a piece of work costs. A batch counts as one statement
 * (one round trip), as the database sees it.
 */
public final class CountingDataSource implements DataSource {
    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

    /** One statement run, or one commit ({@code sql} is {@code COMMIT}). */
    public record Executed(String sql, String thread) {
        public boolean isCommit() {
            return sql.equals("COMMIT");
        }
    }

    private final DataSource target;
    private final List<Executed> executed = new CopyOnWriteArrayList<>();

    public CountingDataSource(DataSource target) {
        this.target = target;
    }

    /** Everything run so far, in order. */
    public List<Executed> executed() {
        return List.copyOf(executed);
    }

    /** Forgets what was counted so far. */
    public void reset() {
        executed.clear();
    }

    public long count(Predicate<Executed> which) {
        return executed.stream().filter(which).count();
    }

    private void record(String sql) {
        Thread t = Thread.currentThread();
        executed.add(new Executed(sql, t.isVirtual() && t.getName().isEmpty() ? "virtual" : t.getName()));
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connection(target.getConnection(username, password));
    }

    private Connection connection(Connection real) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("commit")) {
                record("COMMIT");
            }
            Object result = invoke(real, method, args);
            if (result instanceof Statement statement) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                return statement(statement, sql, method.getReturnType());
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                handler);
    }

    private Object statement(Statement real, String preparedSql, Class<?> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (EXECUTIONS.contains(method.getName())) {
                record(args != null && args.length > 0 && args[0] instanceof String sql ? sql
                        : preparedSql == null ? "?" : preparedSql);
            }
            return invoke(real, method, args);
        };
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}
