package de.lokalebuendnisse.platform.positions;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A processor's batch passes the store fence once, before its first event is handled; without it, not at all. */
class FencedBatchesTest {

    private final List<String> happened = new ArrayList<>();

    @Test
    void theFenceIsPassedOnceABatchBeforeItsFirstEventIsHandled() {
        ResultMessage<?> result = processBatch(new StoreFence(recorded(inMemoryStore())), "a", "b", "c");

        assertThat(result.isExceptional()).as("%s", result).isFalse();
        assertThat(happened).containsExactly("fence", "a", "b", "c");
    }

    @Test
    void aBatchWhoseEventsTheStoreCannotConfirmIsNotHandled() {
        DataSource gone = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    throw new SQLException("Connection is broken: the host of the file died");
                });

        ResultMessage<?> result = processBatch(new StoreFence(gone), "a", "b");

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).hasMessageContaining("could not confirm");
        assertThat(happened).as("no event of the batch is handled").isEmpty();
    }

    private ResultMessage<?> processBatch(StoreFence fence, String... payloads) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (String payload : payloads) {
            events.add(GenericEventMessage.asEventMessage(payload));
        }
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(events);
        MessageHandler<EventMessage<?>> handler = message -> {
            happened.add((String) message.getPayload());
            return null;
        };
        return batch.executeWithResult(() -> new DefaultInterceptorChain<>(batch,
                List.of(new FencedBatches(fence)), handler).proceed(), RollbackConfigurationType.ANY_THROWABLE);
    }

    private DataSource recorded(DataSource store) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection")) {
                        happened.add("fence");
                    }
                    return method.invoke(store, arguments);
                });
    }

    private static DataSource inMemoryStore() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:batch-fence");
        dataSource.setUser("sa");
        return dataSource;
    }
}
