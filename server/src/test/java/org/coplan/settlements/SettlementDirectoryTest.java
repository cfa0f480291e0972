package org.coplan.settlements;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SettlementDirectoryTest {
  final SettlementDirectory directory = new SettlementDirectory();
  final AtomicInteger loads = new AtomicInteger();

  Optional<Boolean> ask(String sid, boolean answer) {
    return directory.isPublic(sid, () -> {
      loads.incrementAndGet();
      return Optional.of(answer);
    });
  }

  @Test
  void asksTheDatabaseEveryTimeUntilTheFeedListens() {
    ask("a", true);
    ask("a", true);
    assertThat(loads).hasValue(2);
    directory.listening();
    ask("a", true);
    assertThat(ask("a", false)).hasValue(true);
    assertThat(loads).hasValue(3);
  }

  @Test
  void forgetsTheNamedSettlementOnlyAndItsPlans() {
    directory.listening();
    ask("a", true);
    ask("b", true);
    assertThat(directory.planExists("a", "p", () -> true)).isTrue();
    directory.accessChanged("a");
    assertThat(ask("a", false)).hasValue(false);
    assertThat(ask("b", false)).hasValue(true);
    assertThat(directory.planExists("a", "p", () -> false)).isFalse();
  }

  @Test
  void aLoadOvertakenByAnAnnouncementIsAnsweredButNotKept() {
    directory.listening();
    // the load read the old answer, then the change committed and was announced before it returned
    Optional<Boolean> stale = directory.isPublic("a", () -> {
      directory.accessChanged("a");
      return Optional.of(true);
    });
    assertThat(stale).hasValue(true);
    assertThat(ask("a", false)).as("the next request reads afresh").hasValue(false);
  }

  @Test
  void trustsNothingWhileTheFeedIsLostAndForgetsAllWhenItIsBack() {
    directory.listening();
    ask("a", true);
    directory.feedLost();
    assertThat(ask("a", false)).hasValue(false);
    assertThat(ask("a", true)).hasValue(true);
    assertThat(directory.size()).isZero();
    directory.listening();
    ask("a", false);
    directory.missedChanges();
    assertThat(ask("a", true)).hasValue(true);
  }

  @Test
  void remembersNoSuchSettlementTooUntilOneIsCreated() {
    directory.listening();
    assertThat(directory.isPublic("new", Optional::empty)).isEmpty();
    assertThat(directory.isPublic("new", () -> Optional.of(true))).isEmpty();
    directory.accessChanged("new");
    assertThat(directory.isPublic("new", () -> Optional.of(true))).hasValue(true);
  }
}
