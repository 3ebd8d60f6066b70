//! The sandbox credential: the full grant of the resource table, minus what
//! `--sandbox-without` removes.

use std::collections::BTreeSet;

use super::doctor::DOCTOR_AREAS;

/// Every scope the resource table uses: the sandbox credential's full grant.
pub(super) fn table_scopes() -> Vec<&'static str> {
    let mut scopes = BTreeSet::new();
    for needs in DOCTOR_AREAS {
        for requirement in [&needs.read, &needs.write] {
            if let Some(scope) = requirement.scope() {
                scopes.insert(scope.name());
            }
        }
    }
    scopes.into_iter().collect()
}

/// The full grant minus `without` (scope names or areas); removing `read:X`
/// removes `edit:X` too, since Halo's `edit:X` includes `read:X`.
pub(super) fn reduced_scopes(without: &[String]) -> Vec<&'static str> {
    let mut removed: BTreeSet<String> = BTreeSet::new();
    for name in without {
        let name = name.trim().to_ascii_lowercase();
        for needs in DOCTOR_AREAS {
            if needs.read.area().name() == name {
                for requirement in [&needs.read, &needs.write] {
                    if let Some(scope) = requirement.scope() {
                        removed.insert(scope.name().to_owned());
                    }
                }
            }
        }
        if let Some(resource) = name.strip_prefix("read:") {
            removed.insert(format!("edit:{resource}"));
        }
        removed.insert(name);
    }
    table_scopes()
        .into_iter()
        .filter(|scope| !removed.contains(*scope))
        .collect()
}
