//! The lists of the sensitive sub-areas: recurring invoices, purchase and sales
//! orders (invoices area), contract schedules and prepay records (contracts),
//! supplier contracts (suppliers). Filters are the spec's parameters of each.

use super::filters::{filter, halo_list};
use super::typed::typed_filters;
use crate::models::{
    ClientPrepay, ContractSchedule, PurchaseOrder, RecurringInvoice, SalesOrder, SupplierContract,
};

halo_list! {
    /// Recurring invoices.
    RecurringInvoiceList => RecurringInvoice, "/RecurringInvoice": [search, client_id, site_id, user_id, order]
}
typed_filters!(RecurringInvoiceList {
    ids client_ids = "client_ids": "Only records of one of these companies";
    id contract_id = "contract_id": "Only records of this contract";
    id ticket_id = "ticket_id": "Only records of this ticket";
    id toplevel_id = "toplevel_id": "Only records of this top level";
    flag include_lines = "includelines": "Includes the invoice lines";
});

halo_list! {
    /// Purchase orders.
    PurchaseOrderList => PurchaseOrder, "/PurchaseOrder": [search, client_id, site_id, user_id, order]
}
typed_filters!(PurchaseOrderList {
    id supplier_id = "supplier_id": "Only orders to this supplier";
    id ticket_id = "ticket_id": "Only orders of this ticket";
    id salesorder_id = "salesorder_id": "Only orders of this sales order";
    flag open = "open": "Only open orders";
    flag closed = "closed": "Only closed orders";
    flag awaiting_approval = "awaiting_approval": "Only orders awaiting approval";
    flag unsent = "unsent": "Only orders not yet sent";
});

halo_list! {
    /// Sales orders.
    SalesOrderList => SalesOrder, "/SalesOrder": [search, client_id, site_id, user_id, order]
}
typed_filters!(SalesOrderList {
    ids client_ids = "client_ids": "Only orders of one of these companies";
    id ticket_id = "ticket_id": "Only orders of this ticket";
    id toplevel_id = "toplevel_id": "Only orders of this top level";
    flag open = "open": "Only open orders";
    flag closed = "closed": "Only closed orders";
    flag needs_invoicing = "needsinvoicing": "Only orders that need invoicing";
    flag ready_for_invoicing = "ready_for_invoicing": "Only orders ready for invoicing";
});

halo_list! {
    /// Contract schedules (one GET; the spec gives the list no parameters).
    ContractScheduleList => ContractSchedule, "/ContractSchedule": []
}

halo_list! {
    /// Prepay records.
    ClientPrepayList => ClientPrepay, "/ClientPrepay": [search, client_id, order]
}
typed_filters!(ClientPrepayList {
    ids client_ids = "client_ids": "Only records of one of these companies";
    id contract_id = "contract_id": "Only records of this contract";
    flag ready_for_invoicing = "ready_for_invoicing": "Only records ready for invoicing";
});

halo_list! {
    /// Supplier contracts.
    SupplierContractList => SupplierContract, "/SupplierContract": [search, include_inactive, order]
}
typed_filters!(SupplierContractList {
    id supplier_id = "supplier_id": "Only contracts of this supplier";
});
