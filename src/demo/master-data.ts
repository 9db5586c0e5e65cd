import { DEMO_CATEGORIES, DEMO_CUSTOMERS, DEMO_SUPPLIERS } from './catalog-data.js';
import { type DemoClient, ean13, type Random } from './demo-client.js';

export interface DemoProduct {
  id: string;
  sku: string;
  category: string;
  lotTracked: boolean;
  shelfLifeDays: number | undefined;
  price: number;
}

export interface DemoWarehouse {
  id: string;
  code: string;
  /** Storage bins (the default bin aside), by code. */
  bins: { id: string; code: string }[];
}

export interface DemoMasterData {
  products: DemoProduct[];
  warehouses: DemoWarehouse[];
  suppliers: { id: string; code: string }[];
  customers: { id: string; code: string }[];
}

interface Page<T> {
  items: T[];
  total: number;
}

/** Two warehouses with bins generated from a pattern, as `POST /warehouses/{id}/bins/bulk` makes them. */
async function warehouses(client: DemoClient): Promise<DemoWarehouse[]> {
  const plans = [
    {
      code: 'BUD',
      name: 'Budapest central warehouse',
      address: '1097 Budapest, Gubacsi út 6.',
      aisles: ['A', 'D'],
      racks: 5,
    },
    {
      code: 'DEB',
      name: 'Debrecen regional depot',
      address: '4031 Debrecen, Kishegyesi út 20.',
      aisles: ['A', 'B'],
      racks: 4,
    },
  ] as const;
  const made: DemoWarehouse[] = [];
  for (const plan of plans) {
    const warehouse = await client.post<{ id: string }>('/warehouses', {
      code: plan.code,
      name: plan.name,
      address: plan.address,
    });
    await client.post(`/warehouses/${warehouse.id}/bins/bulk`, {
      pattern: '{aisle}-{rack:02}-{level}',
      ranges: { aisle: [...plan.aisles], rack: [1, plan.racks], level: [1, 3] },
      type: 'storage',
      capacity: 500,
    });
    const bins: { id: string; code: string }[] = [];
    for (let page = 1; ; page++) {
      const list = await client.get<Page<{ id: string; code: string }>>(
        `/warehouses/${warehouse.id}/bins?page=${page}&page_size=100&type=storage`,
      );
      bins.push(...list.items.map(({ id, code }) => ({ id, code })));
      if (bins.length >= list.total || list.items.length === 0) break;
    }
    made.push({ id: warehouse.id, code: plan.code, bins });
  }
  return made;
}

/** Ten categories of twenty products; food and chemicals lot-tracked with their shelf life. */
async function products(client: DemoClient, random: Random, onStep: () => void): Promise<DemoProduct[]> {
  const made: DemoProduct[] = [];
  for (const [c, category] of DEMO_CATEGORIES.entries()) {
    const { id: categoryId } = await client.post<{ id: string }>('/categories', {
      name: category.name,
      description: category.description,
    });
    for (let n = 0; n < 20; n++) {
      const item = category.items[n % category.items.length] as string;
      const variant = category.variants[Math.floor(n / category.items.length)] as string;
      const sku = `${category.name.slice(0, 3).toUpperCase()}-${String(c + 1).padStart(2, '0')}${String(n + 1).padStart(2, '0')}`;
      const price = random.int(category.price[0], category.price[1]);
      const product = await client.post<{ id: string }>('/products', {
        sku,
        name: `${item}, ${variant}`,
        category_id: categoryId,
        unit_of_measure: category.unit,
        unit_price: price,
        barcode: ean13(`599${String(1_000_000_000 + c * 1000 + n).slice(1)}`),
        tracking: category.shelfLifeDays ? 'lot' : 'none',
        ...(category.shelfLifeDays ? { shelf_life_days: category.shelfLifeDays } : {}),
        reorder_point: random.pick([10, 20, 25, 40, 50]),
      });
      made.push({
        id: product.id,
        sku,
        category: category.name,
        lotTracked: Boolean(category.shelfLifeDays),
        shelfLifeDays: category.shelfLifeDays,
        price,
      });
      onStep();
    }
  }
  return made;
}

async function partners(
  client: DemoClient,
  kind: 'suppliers' | 'customers',
  list: readonly (readonly [string, string])[],
) {
  const made: { id: string; code: string }[] = [];
  for (const [code, name] of list) {
    const slug = code.toLowerCase().replace(/^(sup|cus)-/, '');
    const partner = await client.post<{ id: string }>(`/${kind}`, {
      code,
      name,
      email: `rendeles@${slug}.example`,
      address: 'Magyarország',
      payment_terms: kind === 'suppliers' ? 'net 30' : 'net 15',
    });
    made.push({ id: partner.id, code });
  }
  return made;
}

/** Warehouses, bins, the product range and the partners. */
export async function loadMasterData(
  client: DemoClient,
  random: Random,
  onStep: () => void,
): Promise<DemoMasterData> {
  const built = await warehouses(client);
  onStep();
  const range = await products(client, random, onStep);
  const suppliers = await partners(client, 'suppliers', DEMO_SUPPLIERS);
  const customers = await partners(client, 'customers', DEMO_CUSTOMERS);
  onStep();
  return { products: range, warehouses: built, suppliers, customers };
}
