package app.rapport.touchpoint.domain;

/** Where a touchpoint came from: a person through the API, or an ask event. */
public enum Source {
    MANUAL, ASK_EVENT
}
