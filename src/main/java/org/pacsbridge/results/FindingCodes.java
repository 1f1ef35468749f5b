package org.pacsbridge.results;

import java.util.Map;

import org.pacsbridge.model.FindingCatalogue.Finding;

/**
 * The coded concept for each X-Raydar finding: SNOMED CT where a concept matches the finding as
 * the model defines it, otherwise X-Raydar's own key in the local scheme. The key itself is kept
 * in every case as the measurement group's tracking identifier.
 *
 * <p>Only concepts that match without doubt are mapped; X-Raydar's broader groupings (for
 * example "pleural abnormality", "object") stay local rather than be forced onto a narrower or
 * wider SNOMED CT concept.
 */
final class FindingCodes {

    private static final Map<String, Code> SNOMED = Map.of(
            "pneumothorax", new Code("36118008", "SCT", "Pneumothorax"),
            "pleural_effusion", new Code("60046008", "SCT", "Pleural effusion"),
            "cardiomegaly", new Code("8186001", "SCT", "Cardiomegaly"),
            "atelectasis", new Code("46621007", "SCT", "Atelectasis"));

    private FindingCodes() {
    }

    static Code of(Finding finding) {
        Code standard = SNOMED.get(finding.code());
        return standard != null ? standard : new Code(finding.modelKey(), SrCodes.LOCAL_SCHEME, finding.label());
    }
}
