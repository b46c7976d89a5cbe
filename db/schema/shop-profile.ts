// What anyone may read about a shop (its public profile): the lowest layer that both the deals and the
// groups services need, so neither imports the other for it. Edit with the merchants table.
import { merchants } from './merchants';

/** A shop's public profile: name, logo, about, contact and policies (never its owner's account). */
export type ShopProfile = {
  name: string;
  logoUrl: string | null;
  about: string;
  contactEmail: string | null;
  shippingPolicy: string;
  returnsPolicy: string;
};

/** The columns of a shop's public profile, for a select that joins merchants. */
export const shopProfileColumns = {
  name: merchants.name,
  logoUrl: merchants.logoUrl,
  about: merchants.about,
  contactEmail: merchants.contactEmail,
  shippingPolicy: merchants.shippingPolicy,
  returnsPolicy: merchants.returnsPolicy,
};
