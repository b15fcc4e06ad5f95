package de.lokalebuendnisse.command.caller;

import de.lokalebuendnisse.command.refusal.CommandRefusedException;
import de.lokalebuendnisse.kernel.common.Refusal;
import de.lokalebuendnisse.platform.messaging.MetadataKeys;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The handler side refuses a command that names no verified caller, wherever it came from (over HTTP the edge
 * always writes one; over Axon Server another sender might not), and lets through one a process sends on behalf of
 * the event that caused it.
 */
class VerifiedCallersTest {

    record PauseSomething(String id) {
    }

    private final List<CommandMessage<?>> handled = new ArrayList<>();
    private DefaultCommandGateway gateway;

    @BeforeEach
    void aCommandBusWithTheCheck() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.registerHandlerInterceptor(VerifiedCallers.requireVerifiedCaller());
        bus.subscribe(PauseSomething.class.getName(), command -> {
            handled.add(command);
            return null;
        });
        gateway = DefaultCommandGateway.builder().commandBus(bus).build();
    }

    @Test
    void aCommandWithoutCallerIsRefusedNamingBothMissingKeys() {
        assertThatThrownBy(() -> send(Map.of(MetadataKeys.CALLER, "Bundesministerin")))
                .isInstanceOfSatisfying(CommandRefusedException.class, refused -> {
                    assertThat(refused.refusal().kind()).isEqualTo(Refusal.Kind.INVALID);
                    assertThat(refused.refusal().reasons()).extracting(Refusal.Reason::field)
                            .containsExactly("metaData.callerSubject", "metaData.callerRole");
                    assertThat(refused.refusal().reasons()).extracting(Refusal.Reason::rule)
                            .containsOnly("caller-verified");
                });
        assertThat(handled).isEmpty();
    }

    @Test
    void aCommandWithASubjectButNoRoleIsRefused() {
        assertThatThrownBy(() -> send(Map.of(MetadataKeys.CALLER_SUBJECT, "crm")))
                .isInstanceOf(CommandRefusedException.class);
        assertThat(handled).isEmpty();
    }

    @Test
    void aCommandWithTheVerifiedCallerIsHandled() {
        send(Map.of(MetadataKeys.CALLER, "CRM", MetadataKeys.CALLER_SUBJECT, "crm", MetadataKeys.CALLER_ROLE,
                "service"));

        assertThat(handled).hasSize(1);
    }

    @Test
    void aCommandAProcessSendsForItsCauseIsHandled() {
        send(Map.of(MetadataKeys.PROCESS, "award-intake-process"));

        assertThat(handled).hasSize(1);
    }

    private void send(Map<String, String> metaData) {
        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(new PauseSomething("hamm"))
                .andMetaData(MetaData.from(metaData)));
    }
}
