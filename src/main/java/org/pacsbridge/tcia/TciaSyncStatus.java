package org.pacsbridge.tcia;

/**
 * What the sync is doing and did, for {@code GET /admin/tcia/sync} and the readiness details.
 * Times are ISO-8601 instants, {@code null} when unknown.
 *
 * @param scheduled        whether the schedule runs ({@code pacs.tcia.sync.enabled})
 * @param schedule         the cron expression
 * @param running          a run is under way on this node
 * @param lastSuccessAt    the last successful run known (this node's, or read back from the state topic)
 * @param ageSeconds       seconds since then, or {@code null}
 * @param lastRun          summary of this node's last successful run
 * @param lastFailureAt    when this node's last run failed
 * @param lastFailure      why (never a secret or patient data)
 * @param catalogueSeries  series on the catalogue topic after this node's last run, or {@code null}
 */
public record TciaSyncStatus(boolean scheduled, String schedule, boolean running, String lastSuccessAt, Long ageSeconds,
        String lastRun, String lastFailureAt, String lastFailure, Integer catalogueSeries) {
}
