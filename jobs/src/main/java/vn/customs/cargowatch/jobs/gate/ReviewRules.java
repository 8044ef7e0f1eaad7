package vn.customs.cargowatch.jobs.gate;

import java.util.Collection;
import vn.customs.cargowatch.model.CustomsOffice;
import vn.customs.cargowatch.model.Recognition;
import vn.customs.cargowatch.model.ReviewAction;
import vn.customs.cargowatch.model.ReviewItem;

/**
 * Whether an officer may review a read on the shift's list (1572 §I.4.2, §II.1.5), as {@link ShiftReview} applies it:
 * a read by hand completes an open item of its own ICD, INCOMPLETE or CORRECTED (a correction found wrong is
 * completed with the right number); a confirmation confirms an open CORRECTED item; an item is reviewed once. The
 * reviewer's unit is one of the ICD's, as for its gate alerts (3740 §I.7): a Branch whose {@code icdCodes} list the
 * ICD, that Branch's Department, or the General Department.
 */
public final class ReviewRules {

    private ReviewRules() {}

    /** Why {@code read} cannot complete {@code item} (null: not listed or no longer kept), or null when it may. */
    static String completionRefusal(ReviewItem item, Recognition read, Collection<CustomsOffice> offices) {
        String listed = listedAndOpen(item, read.completes());
        if (listed != null) {
            return listed;
        }
        if (!item.icdCode().equals(read.icdCode())) {
            return "the read by hand is at " + read.icdCode() + ", the read it completes at " + item.icdCode();
        }
        return unitRefusal(item, read.enteredByUnit(), offices);
    }

    /** Why {@code action} cannot be applied to {@code item} (null: not listed or no longer kept), or null. */
    static String actionRefusal(ReviewItem item, ReviewAction action, Collection<CustomsOffice> offices) {
        String listed = listedAndOpen(item, action.eventId());
        if (listed != null) {
            return listed;
        }
        if (action.action() == ReviewAction.Action.CONFIRM && item.kind() != ReviewItem.Kind.CORRECTED) {
            return "an INCOMPLETE read is completed by a read by hand (camera.recognitions with completes), not "
                    + "confirmed";
        }
        return unitRefusal(item, action.byUnit(), offices);
    }

    private static String listedAndOpen(ReviewItem item, String eventId) {
        if (item == null) {
            return "no read " + eventId + " on a shift's review list (never listed, or its review has ended)";
        }
        return item.isOpen() ? null
                : "already " + item.state() + " by " + item.reviewedBy() + " (" + item.reviewedByUnit() + ") at "
                        + item.reviewedAt();
    }

    /**
     * Whether {@code unit} reviews the reads of {@code icdCode}: it is of the General Department, or a Branch whose
     * {@code icdCodes} list the ICD, or that Branch's Department. The desk lists and offers by the same rule.
     */
    public static boolean reviews(String unit, String icdCode, Collection<CustomsOffice> offices) {
        for (CustomsOffice office : offices) {
            boolean general = office.level() == CustomsOffice.Level.GENERAL && office.unitCode().equals(unit);
            boolean icdBranch = office.supervises(icdCode)
                    && (office.unitCode().equals(unit) || unit.equals(office.parentCode()));
            if (general || icdBranch) {
                return true;
            }
        }
        return false;
    }

    private static String unitRefusal(ReviewItem item, String unit, Collection<CustomsOffice> offices) {
        if (reviews(unit, item.icdCode(), offices)) {
            return null;
        }
        return "unit " + unit + " supervises no gate of " + item.icdCode()
                + ": the ICD's Branch (customs.offices icdCodes), its Department or the General Department reviews its "
                + "reads";
    }
}
