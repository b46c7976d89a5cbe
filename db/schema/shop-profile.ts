// What anyone may read about a shop (its public profile): the lowest layer that both the deals and the
// groups services need, so neither imports the other for it. Edit with the merchants table.

/** A shop's public profile: name, logo, about, contact and policies (never its owner's account). */
export type ShopProfile = {
  name: string;
  logoUrl: string | null;
  about: string;
  contactEmail: string | null;
  shippingPolicy: string;
  returnsPolicy: string;
};
