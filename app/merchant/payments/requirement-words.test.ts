import { describe, expect, it } from 'vitest';
import { needsOf } from './requirement-words';

describe('what Stripe still needs, in words', () => {
  it('names the common requirement ids, each thing once, in the order Stripe asked', () => {
    expect(
      needsOf([
        'external_account',
        'individual.dob.day',
        'individual.dob.month',
        'individual.dob.year',
        'business_profile.url',
        'tos_acceptance.date',
        'tos_acceptance.ip',
      ]),
    ).toEqual(['bankAccount', 'birthDate', 'website', 'terms']);
  });

  it('reads an id it does not know as "more details", once', () => {
    expect(needsOf(['settings.payments.statement_descriptor', 'something.new', 'individual.email'])).toEqual([
      'moreDetails',
      'email',
    ]);
    expect(needsOf([])).toEqual([]);
  });

  it('prefers the specific name over the general one', () => {
    expect(needsOf(['business_profile.mcc', 'business_profile.support_phone'])).toEqual([
      'industry',
      'businessDetails',
    ]);
  });
});
