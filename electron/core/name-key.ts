/**
 * The key that makes "Noord", "noord " and "NOORD" one name: the `name_key` column of the tables whose
 * names are unique (wijken, programmes, wijkteams, criteria frameworks). One definition, so a name
 * typed in one screen and imported from an exchange file find each other.
 */
export function nameKey(name: string): string {
  return name.trim().toLocaleLowerCase('nl-NL');
}
