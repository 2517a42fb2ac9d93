// English courtesy titles that may lead a person mention's surface (`Mr Putin`).
export const en = {
  honorifics: ['mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'miss', 'dr', 'dr.', 'sir', 'madam', 'dame', 'lord'],
  /** Determiners a mention span may start with (`the United States`, `The Beatles`): not part of the name. */
  determiners: ['the', 'a', 'an'],
};
