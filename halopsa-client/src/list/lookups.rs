//! The lookups written against: outcomes, asset types and groups, fields and
//! field definitions, lookup values and top levels. None is paged but
//! `/TopLevel`.

use super::filters::{filter, halo_list};
use super::typed::typed_filters;
use crate::models::{AssetGroup, AssetType, Field, FieldInfo, Lookup, Outcome, TopLevel};

halo_list! {
    /// Action outcomes (one GET).
    OutcomeList => Outcome, "/Outcome": []
}
typed_filters!(OutcomeList {
    id tickettype_id = "tickettype_id": "Only outcomes usable on this ticket type";
    id workflow_id = "workflow_id": "Only outcomes of this workflow";
    id workflow_step = "workflow_step": "Only outcomes of this workflow step";
    flag show_hidden = "showhidden": "Includes hidden outcomes";
    flag exclude_system_actions = "excludesystemactions": "Leaves out system actions";
    flag quick_only = "quick_only": "Only quick actions";
});

halo_list! {
    /// Asset types (one GET).
    AssetTypeList => AssetType, "/AssetType": []
}
typed_filters!(AssetTypeList {
    id assetgroup_id = "assetgroup_id": "Only types of this asset group";
    id tickettype_id = "tickettype_id": "Only types usable on this ticket type";
    text kind = "type": "Only types of this kind";
    flag can_create_only = "can_create_only": "Only types the agent may create assets of";
    flag setup_list = "setuplist": "The configuration list (every type)";
});

halo_list! {
    /// Asset groups (one GET).
    AssetGroupList => AssetGroup, "/AssetGroup": []
}
typed_filters!(AssetGroupList {
    text kind = "type": "Only groups of this kind";
    flag tree = "istree": "As a tree";
    flag include_types = "includetypesforgroups": "Includes each group's asset types";
});

halo_list! {
    /// Custom fields (one GET).
    FieldList => Field, "/Field": []
}
typed_filters!(FieldList {
    text kind = "kind": "Only fields of this kind";
    id type_id = "type_id": "Only fields of this type";
});

halo_list! {
    /// Field definitions (one GET).
    FieldInfoList => FieldInfo, "/FieldInfo": []
}
typed_filters!(FieldInfoList {
    id type_id = "typeid": "Only definitions of this type";
    id field_type = "fieldtype": "Only definitions of this field type";
    id input_type = "inputtype": "Only definitions of this input type";
    text domain = "domain": "Only definitions of this domain";
    flag include_values = "includevalues": "Includes each field's values";
    flag custom_field_setup = "iscustomfieldsetup": "The custom-field setup list";
});

halo_list! {
    /// Lookup values (one GET); Halo needs `lookup_id` in practice.
    LookupList => Lookup, "/Lookup": [client_id]
}
typed_filters!(LookupList {
    id lookup_id = "lookupid": "The lookup table to read";
    id ticket_id = "ticket_id": "Values valid for this ticket";
    id outcome_id = "outcome_id": "Values valid for this outcome";
    id assettype_id = "assettype_id": "Values valid for this asset type";
    flag show_all_codes = "showallcodes": "Includes every code";
    flag exclude_zero = "exclude_zero": "Leaves out the zero value";
});

halo_list! {
    /// Top levels.
    TopLevelList => TopLevel, "/TopLevel": [search, order]
}
typed_filters!(TopLevelList {
    id kind = "type": "Only top levels of this type";
    id org_id = "org_id": "Only top levels of this organisation";
    flag include_agents = "include_agents": "Includes the agents of each";
    flag include_teams = "include_teams": "Includes the teams of each";
});
