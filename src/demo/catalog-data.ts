/** The demo's product range: ten categories of twenty products each. */
export interface DemoCategory {
  name: string;
  description: string;
  unit: 'pcs' | 'kg' | 'l' | 'box';
  /** Lot-tracked with this shelf life (days); untracked when absent. */
  shelfLifeDays?: number;
  /** Price range in HUF. */
  price: [number, number];
  items: readonly string[];
  variants: readonly string[];
}

export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  {
    name: 'Dairy',
    description: 'Chilled milk products',
    unit: 'pcs',
    shelfLifeDays: 21,
    price: [290, 1890],
    items: ['Milk', 'Yoghurt', 'Kefir', 'Sour cream', 'Cottage cheese'],
    variants: ['1 l', '500 g', '2.8%', '1.5%'],
  },
  {
    name: 'Beverages',
    description: 'Juices, mineral water and soft drinks',
    unit: 'pcs',
    shelfLifeDays: 270,
    price: [190, 990],
    items: ['Mineral water', 'Apple juice', 'Orange juice', 'Lemonade', 'Iced tea'],
    variants: ['0.5 l', '1.5 l', 'sparkling', 'still'],
  },
  {
    name: 'Dry goods',
    description: 'Flour, pasta, rice and pulses',
    unit: 'kg',
    shelfLifeDays: 365,
    price: [250, 1490],
    items: ['Flour', 'Pasta', 'Rice', 'Lentils', 'Sugar'],
    variants: ['fine', 'wholegrain', 'organic', 'bulk'],
  },
  {
    name: 'Frozen',
    description: 'Frozen vegetables and ready meals',
    unit: 'kg',
    shelfLifeDays: 180,
    price: [690, 3290],
    items: ['Peas', 'Spinach', 'Berries', 'Pizza', 'Dumplings'],
    variants: ['450 g', '1 kg', 'family pack', 'catering'],
  },
  {
    name: 'Cleaning',
    description: 'Detergents and cleaning supplies',
    unit: 'l',
    shelfLifeDays: 730,
    price: [490, 2990],
    items: ['Dish soap', 'Floor cleaner', 'Glass cleaner', 'Disinfectant', 'Laundry gel'],
    variants: ['1 l', '5 l', 'lemon', 'unscented'],
  },
  {
    name: 'Packaging',
    description: 'Boxes, film and labels',
    unit: 'pcs',
    price: [15, 890],
    items: ['Carton', 'Stretch film', 'Label roll', 'Pallet cover', 'Gift box'],
    variants: ['small', 'medium', 'large', 'printed'],
  },
  {
    name: 'Spare parts',
    description: 'Maintenance parts for handling equipment',
    unit: 'pcs',
    price: [1200, 48_000],
    items: ['Forklift wheel', 'Hydraulic seal', 'Battery pack', 'Chain link', 'Brake pad'],
    variants: ['type A', 'type B', 'heavy duty', 'standard'],
  },
  {
    name: 'Tools',
    description: 'Hand and power tools',
    unit: 'pcs',
    price: [990, 39_900],
    items: ['Box cutter', 'Tape gun', 'Scanner holster', 'Drill', 'Pallet jack handle'],
    variants: ['basic', 'pro', 'ergonomic', 'compact'],
  },
  {
    name: 'Textiles',
    description: 'Workwear and cloths',
    unit: 'pcs',
    price: [590, 14_900],
    items: ['Work gloves', 'Hi-vis vest', 'Safety shoes', 'Fleece jacket', 'Microfibre cloth'],
    variants: ['S', 'M', 'L', 'XL'],
  },
  {
    name: 'Gift sets',
    description: 'Hampers assembled in house by work orders',
    unit: 'box',
    price: [4990, 24_900],
    items: ['Breakfast hamper', 'Cleaning starter kit', 'Pantry box', 'Juice trio', 'Workwear bundle'],
    variants: ['small', 'classic', 'deluxe', 'corporate'],
  },
];

export const DEMO_SUPPLIERS = [
  ['SUP-ALFOLD', 'Alföld Tejüzem Kft.'],
  ['SUP-BALATON', 'Balaton Ital Zrt.'],
  ['SUP-MALOM', 'Szegedi Malom Kft.'],
  ['SUP-FAGY', 'Fagyasztott Kincsek Bt.'],
  ['SUP-TISZTA', 'Tiszta Ház Vegyiáru Kft.'],
  ['SUP-CSOMAG', 'CsomagPont Kft.'],
  ['SUP-GEPALK', 'Gépalkatrész Centrum Zrt.'],
  ['SUP-MUNKARUHA', 'Munkaruha Pláza Kft.'],
] as const;

export const DEMO_CUSTOMERS = [
  ['CUS-SAROK', 'Sarok ABC'],
  ['CUS-PIAC', 'Piactér Élelmiszer Kft.'],
  ['CUS-HOTEL', 'Hotel Duna Partner'],
  ['CUS-ISKOLA', 'Petőfi Iskolai Menza'],
  ['CUS-KORHAZ', 'Városi Kórház Gazdasági Osztály'],
  ['CUS-ETTEREM', 'Kisbíró Étterem'],
  ['CUS-IRODA', 'Irodaház Üzemeltető Zrt.'],
  ['CUS-SPORT', 'Sportcentrum Büfé'],
  ['CUS-GYAR', 'Gyártó Üzem Kft.'],
  ['CUS-WEBSHOP', 'Kosár Webáruház'],
  ['CUS-KAVEZO', 'Sarki Kávézó'],
  ['CUS-CATERING', 'Rendezvény Catering Bt.'],
] as const;
