/**
 * Grounds of the Woo (Wet open overheid) for not publishing a document, by article. A council that
 * does not publish an advice names one of these, or writes its own reason. The Dutch wording is in
 * the catalogue under `publication.ground.<key>`.
 */
export const WOO_GROUNDS = [
  'art5_1_1c', // vertrouwelijk aan de overheid meegedeelde bedrijfs- en fabricagegegevens
  'art5_1_1d', // bijzondere persoonsgegevens
  'art5_1_1e', // nationale identificatienummers
  'art5_1_2d', // inspectie, controle en toezicht
  'art5_1_2e', // eerbiediging van de persoonlijke levenssfeer
  'art5_1_2f', // concurrentiegevoelige bedrijfs- en fabricagegegevens
  'art5_1_2i', // het goed functioneren van de Staat, andere publiekrechtelijke lichamen of bestuursorganen
  'art5_2', // persoonlijke beleidsopvattingen in documenten voor intern beraad
] as const;
export type WooGround = (typeof WOO_GROUNDS)[number];
