// The shape every notification is composed into before a channel lays it out (e-mail HTML, e-mail text,
// push). Words only: each string here already comes from the `notify` catalog. Edit when a layout needs a
// new part.

/** One row of a receipt's facts table: "$26.00 × 2 | $52.00"; `line` is the row as text ("Shipping: $5.00"). */
export type Fact = { label: string; value: string; line: string };

/** A link (the button, the invite link, the parcel's tracking page); `line` is it as text, URL written out. */
export type SideLink = { label: string; url: string; line: string };

/** One message before layout. */
export type Message = {
  subject: string;
  heading: string;
  /** Hidden first line shown by mail apps beside the subject. */
  preheader: string;
  greeting: string;
  paragraphs: string[];
  facts: Fact[];
  links: SideLink[];
  button: SideLink;
  push: { title: string; body: string };
  footer: {
    why: string;
    preferences: SideLink;
    /** Null on receipts: what is about your money cannot be switched off. */
    unsubscribe: SideLink | null;
  };
};
