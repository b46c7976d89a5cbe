// The rules for a merchant profile's fields, shared by create and update. Edit when the profile gains a field.
import { z } from 'zod';
import { currencySchema, imageUrlSchema } from '@/server/deals/deal-input';
import { multiLineText, singleLineText } from '@/server/text';

const fields = {
  name: singleLineText('Shop name')
    .min(1, 'Give your shop a name')
    .max(80, 'Shop name must be at most 80 characters'),
  defaultCurrency: currencySchema,
  logoUrl: imageUrlSchema.nullable(),
  about: multiLineText('About your shop').max(500, 'About your shop must be at most 500 characters'),
  contactEmail: z
    .email('Enter an e-mail address shoppers can write to, like hello@yourshop.com')
    .max(200, 'E-mail address is too long')
    .nullable(),
  shippingPolicy: multiLineText('Shipping policy').max(
    2000,
    'Shipping policy must be at most 2000 characters',
  ),
  returnsPolicy: multiLineText('Returns policy').max(2000, 'Returns policy must be at most 2000 characters'),
};

/** A new merchant profile; the logo is optional. */
export const merchantProfileInputSchema = z.object({
  ...fields,
  logoUrl: fields.logoUrl.optional().transform((v) => v ?? null),
  about: fields.about.default(''),
  contactEmail: fields.contactEmail.optional().transform((v) => v ?? null),
  shippingPolicy: fields.shippingPolicy.default(''),
  returnsPolicy: fields.returnsPolicy.default(''),
});
export type MerchantProfileInput = z.input<typeof merchantProfileInputSchema>;

/** A change to a profile: any subset of its fields (null removes the logo). */
export const merchantProfilePatchSchema = z.object(fields).partial();
export type MerchantProfilePatch = z.infer<typeof merchantProfilePatchSchema>;
