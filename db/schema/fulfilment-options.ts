// A deal's fulfilment options (deals.fulfilment) and the shipping address an order keeps: how the goods reach
// their buyers. Imports nothing, so the browser's forms type with it too. Edit when an option gains a field.

/** Shipping: where to, what it costs (minor units of the deal's currency), when it leaves. */
export type ShippingOption = {
  /** ISO 3166-1 alpha-2 codes shipped to, at least one. */
  countries: string[];
  /** 'included' (price 0), 'per_order' (once per order) or 'per_unit' (× quantity). */
  pricing: 'included' | 'per_order' | 'per_unit';
  price: number;
  /** Estimated dispatch, in days after the group closes. */
  dispatchDays: number;
};

/** A place where buyers collect their goods after the group closes. */
export type PickupPoint = {
  /** Stable within the deal (a short random id), referenced by orders. */
  id: string;
  name: string;
  address: string;
  /** Opening hours as the merchant writes them ("Mon–Fri 10:00–19:00"). */
  hours: string;
  /** Goods can be collected for this many days after the group closes. */
  windowDays: number;
  /** Most orders this point takes across the deal's groups; null = no limit. */
  capacity: number | null;
};

/** A voucher for a service or an experience, redeemed at the shop. */
export type VoucherOption = {
  /** The last day the code can be redeemed (ISO date, yyyy-mm-dd). */
  validUntil: string;
  /** How to redeem it ("Show the code at the counter; book by phone first"). */
  instructions: string;
};

/** A deal's fulfilment options: at least one for a deal to be published. */
export type FulfilmentOptions = {
  shipping: ShippingOption | null;
  pickup: { points: PickupPoint[] } | null;
  voucher: VoucherOption | null;
};

export const NO_FULFILMENT: FulfilmentOptions = { shipping: null, pickup: null, voucher: null };

/** A shipping address as Google's address data names its fields (validated per country). */
export type ShippingAddress = {
  countryCode: string;
  name: string;
  companyName?: string;
  streetAddress: string;
  city?: string;
  cityArea?: string;
  countryArea?: string;
  postalCode?: string;
  sortingCode?: string;
};
