// The rules for a merchant profile's fields, shared by create and update. Edit when the profile gains a field.
import { z } from 'zod';
import { currencySchema, imageUrlSchema } from '@/server/deals/deal-input';
import { singleLineText } from '@/server/text';

const fields = {
  name: singleLineText('Shop name')
    .min(1, 'Give your shop a name')
    .max(80, 'Shop name must be at most 80 characters'),
  defaultCurrency: currencySchema,
  logoUrl: imageUrlSchema.nullable(),
};

/** A new merchant profile; the logo is optional. */
export const merchantProfileInputSchema = z.object({
  ...fields,
  logoUrl: fields.logoUrl.optional().transform((v) => v ?? null),
});
export type MerchantProfileInput = z.input<typeof merchantProfileInputSchema>;

/** A change to a profile: any subset of its fields (null removes the logo). */
export const merchantProfilePatchSchema = z.object(fields).partial();
export type MerchantProfilePatch = z.infer<typeof merchantProfilePatchSchema>;
