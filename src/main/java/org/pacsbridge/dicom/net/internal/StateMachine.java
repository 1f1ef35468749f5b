package org.pacsbridge.dicom.net.internal;

import java.util.EnumMap;
import java.util.Map;

/**
 * Table-driven DICOM upper-layer state machine (PS3.8 Table 9-10). {@link #fire(Event)} looks up the action
 * for the current state and event, moves to the action's next state and returns the action, which the
 * caller then performs. A state/event pair without table entry is a local programming error
 * ({@link IllegalStateException}); events coming from the network are defined in every state in which the
 * implementation reads from the network.
 */
public final class StateMachine {
    private static final Map<State, Map<Event, Action>> TABLE = new EnumMap<>(State.class);

    private static void put(Event e, Action a, State... states) {
        for (State s : states) {
            TABLE.computeIfAbsent(s, k -> new EnumMap<>(Event.class)).put(e, a);
        }
    }

    private static State[] range(int from, int to) {
        State[] r = new State[to - from + 1];
        for (int i = from; i <= to; i++) {
            r[i - from] = State.values()[i - 1];
        }
        return r;
    }

    static {
        // Column by column of PS3.8 Table 9-10.
        put(Event.Evt1, Action.AE_1, State.Sta1);
        put(Event.Evt2, Action.AE_2, State.Sta4);

        put(Event.Evt3, Action.AA_1, State.Sta2);
        put(Event.Evt3, Action.AA_8, State.Sta3);
        put(Event.Evt3, Action.AE_3, State.Sta5);
        put(Event.Evt3, Action.AA_8, range(6, 12));
        put(Event.Evt3, Action.AA_6, State.Sta13);

        put(Event.Evt4, Action.AA_1, State.Sta2);
        put(Event.Evt4, Action.AA_8, State.Sta3);
        put(Event.Evt4, Action.AE_4, State.Sta5);
        put(Event.Evt4, Action.AA_8, range(6, 12));
        put(Event.Evt4, Action.AA_6, State.Sta13);

        put(Event.Evt5, Action.AE_5, State.Sta1);

        put(Event.Evt6, Action.AE_6, State.Sta2);
        put(Event.Evt6, Action.AA_8, State.Sta3, State.Sta5);
        put(Event.Evt6, Action.AA_8, range(6, 12));
        put(Event.Evt6, Action.AA_7, State.Sta13);

        put(Event.Evt7, Action.AE_7, State.Sta3);
        put(Event.Evt8, Action.AE_8, State.Sta3);

        put(Event.Evt9, Action.DT_1, State.Sta6);
        put(Event.Evt9, Action.AR_7, State.Sta8);

        put(Event.Evt10, Action.AA_1, State.Sta2);
        put(Event.Evt10, Action.AA_8, State.Sta3, State.Sta5);
        put(Event.Evt10, Action.DT_2, State.Sta6);
        put(Event.Evt10, Action.AR_6, State.Sta7);
        put(Event.Evt10, Action.AA_8, range(8, 12));
        put(Event.Evt10, Action.AA_6, State.Sta13);

        put(Event.Evt11, Action.AR_1, State.Sta6);

        put(Event.Evt12, Action.AA_1, State.Sta2);
        put(Event.Evt12, Action.AA_8, State.Sta3, State.Sta5);
        put(Event.Evt12, Action.AR_2, State.Sta6);
        put(Event.Evt12, Action.AR_8, State.Sta7);
        put(Event.Evt12, Action.AA_8, range(8, 12));
        put(Event.Evt12, Action.AA_6, State.Sta13);

        put(Event.Evt13, Action.AA_1, State.Sta2);
        put(Event.Evt13, Action.AA_8, State.Sta3, State.Sta5, State.Sta6);
        put(Event.Evt13, Action.AR_3, State.Sta7);
        put(Event.Evt13, Action.AA_8, State.Sta8, State.Sta9);
        put(Event.Evt13, Action.AR_10, State.Sta10);
        put(Event.Evt13, Action.AR_3, State.Sta11);
        put(Event.Evt13, Action.AA_8, State.Sta12);
        put(Event.Evt13, Action.AA_6, State.Sta13);

        put(Event.Evt14, Action.AR_4, State.Sta8);
        put(Event.Evt14, Action.AR_9, State.Sta9);
        put(Event.Evt14, Action.AR_4, State.Sta12);

        put(Event.Evt15, Action.AA_1, State.Sta3);
        put(Event.Evt15, Action.AA_2, State.Sta4);
        put(Event.Evt15, Action.AA_1, range(5, 12));

        put(Event.Evt16, Action.AA_2, State.Sta2);
        put(Event.Evt16, Action.AA_3, range(3, 12));
        put(Event.Evt16, Action.AA_2, State.Sta13);

        put(Event.Evt17, Action.AA_5, State.Sta2);
        put(Event.Evt17, Action.AA_4, range(3, 12));
        put(Event.Evt17, Action.AR_5, State.Sta13);

        put(Event.Evt18, Action.AA_2, State.Sta2, State.Sta13);

        put(Event.Evt19, Action.AA_1, State.Sta2);
        put(Event.Evt19, Action.AA_8, range(3, 12));
        put(Event.Evt19, Action.AA_7, State.Sta13);
    }

    private final boolean requestor;
    private State state = State.Sta1;

    /** @param requestor true for the association-requestor (SCU side), false for the acceptor */
    public StateMachine(boolean requestor) {
        this.requestor = requestor;
    }

    /** @return the current state */
    public State state() {
        return state;
    }

    /** @return the table entry for state/event, or null when the table has none */
    public static Action lookup(State s, Event e) {
        Map<Event, Action> row = TABLE.get(s);
        return row == null ? null : row.get(e);
    }

    /**
     * Applies an event.
     *
     * @return the action to perform; the state has already been moved to the action's next state
     * @throws IllegalStateException if the event is not valid in the current state
     */
    public Action fire(Event e) {
        Action a = lookup(state, e);
        if (a == null) {
            throw new IllegalStateException(e + " not valid in " + state);
        }
        State next = a.next();
        if (a == Action.AR_8) {
            next = requestor ? State.Sta9 : State.Sta10;
        }
        state = next;
        return a;
    }

    /** @return true if the event has a table entry in the current state */
    public boolean accepts(Event e) {
        return lookup(state, e) != null;
    }
}
