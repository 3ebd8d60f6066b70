//! The fake's scope rules: which names the token endpoint accepts (Halo's list,
//! shared with the client), what a token is granted, and which scope each
//! resource needs. The covering rules are written out again here on purpose: the
//! fake is the oracle the client's own `HaloScopeRules` are tested against.

/// Whether Halo knows this scope name.
pub(crate) fn is_known(name: &str) -> bool {
    crate::scopes::KNOWN_SCOPE_NAMES.contains(&name)
}

/// Whether `granted` covers `required`: `all` covers everything, `all:standard`
/// everything but `admin` (and `all`), `edit:X` covers `read:X`, and a name covers itself.
pub(crate) fn covers(granted: &str, required: &str) -> bool {
    if granted == required || granted == "all" {
        return true;
    }
    if granted == "all:standard" {
        return required != "admin" && required != "all";
    }
    matches!(
        (granted.strip_prefix("edit:"), required.strip_prefix("read:")),
        (Some(g), Some(r)) if g == r
    )
}

/// Whether any of `granted` covers `required`.
pub(crate) fn any_covers(granted: &[String], required: &str) -> bool {
    granted.iter().any(|g| covers(g, required))
}

/// The scopes a token gets: each requested scope the application covers; a
/// requested `all` / `all:standard` the application does not have is narrowed to
/// the application's own scopes it covers. Order kept, duplicates dropped.
pub(crate) fn grant(requested: &[&str], application: &[String]) -> Vec<String> {
    let mut granted: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        if !granted.iter().any(|g| g == s) {
            granted.push(s.to_owned());
        }
    };
    for &scope in requested {
        if any_covers(application, scope) {
            push(scope);
        } else if scope == "all" || scope == "all:standard" {
            for app in application.iter().filter(|a| covers(scope, a)) {
                push(app);
            }
        }
    }
    granted
}

/// The scope a request to `resource` (a lowercase path segment) needs, or `None`
/// for an unknown resource. Reads need `read:X`, writes `edit:X`; configuration
/// lists are read with `read:tickets` and written with `admin`.
pub(crate) fn required(resource: &str, write: bool) -> Option<&'static str> {
    let area = match resource {
        "tickets" | "actions" | "attachment" => "tickets",
        "recurringinvoice" => "invoices",
        "purchaseorder" => "pos",
        "salesorder" => "sos",
        "contractschedule" | "clientprepay" => "contracts",
        "suppliercontract" => "suppliers",
        "timesheet" | "timesheetevent" => "timesheets",
        "projects" => "projects",
        "crmnote" => "crm",
        "toplevel" => return Some(if write { "admin" } else { "read:customers" }),
        "users" | "client" | "site" => "customers",
        "asset" => "assets",
        "item" => "items",
        "appointment" => "calendar",
        "kbarticle" => "kb",
        "clientcontract" => "contracts",
        "invoice" => "invoices",
        "quotation" => "quotes",
        "supplier" => "suppliers",
        "opportunities" => "crm",
        "report" | "reportdata" => "reporting",
        "status" | "priority" | "category" | "team" | "agent" | "tickettype" | "workflow"
        | "sla" | "outcome" | "assettype" | "assetgroup" | "field" | "fieldinfo" | "lookup" => {
            return Some(if write { "admin" } else { "read:tickets" });
        }
        _ => return None,
    };
    Some(match (area, write) {
        ("tickets", false) => "read:tickets",
        ("tickets", true) => "edit:tickets",
        ("customers", false) => "read:customers",
        ("customers", true) => "edit:customers",
        ("assets", false) => "read:assets",
        ("assets", true) => "edit:assets",
        ("items", false) => "read:items",
        ("items", true) => "edit:items",
        ("calendar", false) => "read:calendar",
        ("calendar", true) => "edit:calendar",
        ("kb", false) => "read:kb",
        ("kb", true) => "edit:kb",
        ("contracts", false) => "read:contracts",
        ("contracts", true) => "edit:contracts",
        ("invoices", false) => "read:invoices",
        ("invoices", true) => "edit:invoices",
        ("quotes", false) => "read:quotes",
        ("quotes", true) => "edit:quotes",
        ("suppliers", false) => "read:suppliers",
        ("suppliers", true) => "edit:suppliers",
        ("crm", false) => "read:crm",
        ("crm", true) => "edit:crm",
        ("reporting", false) => "read:reporting",
        ("reporting", true) => "edit:reporting",
        ("pos", false) => "read:pos",
        ("pos", true) => "edit:pos",
        ("sos", false) => "read:sos",
        ("sos", true) => "edit:sos",
        ("timesheets", false) => "read:timesheets",
        ("timesheets", true) => "edit:timesheets",
        ("projects", false) => "read:projects",
        _ => "edit:projects",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn rules() {
        assert!(covers("all", "admin"));
        assert!(covers("all:standard", "edit:tickets"));
        assert!(!covers("all:standard", "admin"));
        assert!(!covers("all:standard", "all"));
        assert!(covers("edit:kb", "read:kb"));
        assert!(!covers("read:kb", "edit:kb"));
        assert!(!covers("edit:kbx", "read:kb"));
    }

    #[test]
    fn granting() {
        assert_eq!(grant(&["all"], &app(&["all"])), ["all"]);
        assert_eq!(
            grant(&["all"], &app(&["read:tickets", "edit:assets"])),
            ["read:tickets", "edit:assets"]
        );
        assert_eq!(
            grant(&["read:tickets", "edit:tickets"], &app(&["edit:tickets"])),
            ["read:tickets", "edit:tickets"]
        );
        assert!(grant(&["edit:tickets"], &app(&["read:tickets"])).is_empty());
        assert_eq!(
            grant(&["all:standard"], &app(&["admin", "read:kb"])),
            ["read:kb"]
        );
        assert_eq!(grant(&["all"], &app(&["all:standard"])), ["all:standard"]);
    }

    #[test]
    fn table() {
        assert_eq!(required("actions", true), Some("edit:tickets"));
        assert_eq!(required("site", false), Some("read:customers"));
        assert_eq!(required("sla", true), Some("admin"));
        assert_eq!(required("nope", false), None);
        assert_eq!(required("purchaseorder", false), Some("read:pos"));
        assert_eq!(required("toplevel", false), Some("read:customers"));
        assert_eq!(required("outcome", true), Some("admin"));
    }
}
