//! Appointments (`/Appointment`). Write area; scope `read:calendar` / `edit:calendar`.

use crate::models::Appointment;
use crate::scopes::requirements;

resource! {
    /// Appointments: list, get, create, update, delete.
    appointments -> Appointment, APPOINTMENTS = ("Appointment", "appointment", requirements::APPOINTMENTS),
        key = Some("appointments"), paginated = true
}
