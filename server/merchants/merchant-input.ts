// The rules for a merchant profile's fields, shared by create and update. Edit when the profile gains a field.
import { z } from 'zod';
import { currencySchema, imageUrlSchema } from '@/server/deals/deal-input';
import { msg } from '@/server/errors';
import { multiLineText, singleLineText } from '@/server/text';

const fields = {
  name: singleLineText('fieldName.shopName')
    .min(1, msg('merchant.nameRequired'))
    .max(80, msg('merchant.nameTooLong')),
  defaultCurrency: currencySchema,
  logoUrl: imageUrlSchema.nullable(),
  about: multiLineText('fieldName.about').max(500, msg('merchant.aboutTooLong')),
  contactEmail: z.email(msg('merchant.contactEmail')).max(200, msg('merchant.emailTooLong')).nullable(),
  shippingPolicy: multiLineText('fieldName.shippingPolicy').max(2000, msg('merchant.shippingTooLong')),
  returnsPolicy: multiLineText('fieldName.returnsPolicy').max(2000, msg('merchant.returnsTooLong')),
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
