-- The functional modules a non-admin user must be granted (seed 001), in menu order.
INSERT INTO "modules" ("key", "name", "description", "parent_key", "sort_order") VALUES
  ('inventory', 'Inventory', 'Products, warehouses, bins, lots, stock movements, transfers and reservations', NULL, 10),
  ('purchasing', 'Purchasing', 'Suppliers, purchase orders and goods receipts', NULL, 20),
  ('sales', 'Sales', 'Customers, sales orders and shipments', NULL, 30),
  ('production', 'Production', 'Work orders, material consumption and output', NULL, 40),
  ('dispatch', 'Dispatch', 'Sample dispatches, returns and outstanding items', NULL, 50),
  ('biofloc', 'Biofloc', 'Aquaculture tanks, batches, feeding and water quality', NULL, 60),
  ('reports', 'Reports', 'Dashboards, analytics and exports', NULL, 70),
  ('admin', 'Administration', 'Users, module permissions and the audit log', NULL, 80);
