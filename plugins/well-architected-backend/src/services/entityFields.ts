/** What is shown of a Group or a User: its name, and the roles a Group declares. */
export const NAME_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.profile.displayName',
];

/**
 * What is read of a Group when its relations matter (its owners, its place in the hierarchy): its
 * names and relations. The relations list everything the Group owns as well, as the catalog
 * cannot leave out some types, so Groups that only hold roles are read with {@link NAME_FIELDS}.
 */
export const GROUP_FIELDS = [...NAME_FIELDS, 'relations'];
