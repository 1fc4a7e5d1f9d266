/** Norwegian given names and surnames for generated residents (common names; no real person is meant). */

export const GIVEN_NAMES: readonly string[] = [
  'Kari', 'Ola', 'Ingrid', 'Lars', 'Anne', 'Per', 'Marit', 'Jan', 'Liv', 'Bjørn', 'Hilde', 'Knut', 'Silje',
  'Terje', 'Nora', 'Emil', 'Sofie', 'Jonas', 'Ida', 'Magnus', 'Thea', 'Henrik', 'Emma', 'Sindre', 'Ragnhild',
  'Øystein', 'Solveig', 'Geir', 'Tone', 'Håkon', 'Åse', 'Eirik', 'Synnøve', 'Torbjørn', 'Gunnhild', 'Arne',
  'Mona', 'Rune', 'Camilla', 'Stian', 'Marte', 'Vegard', 'Randi', 'Kjetil', 'Astrid', 'Odd', 'Sigrid', 'Tor',
  'Heidi', 'Espen', 'Linn', 'Trond', 'Berit', 'Aksel', 'Frida', 'Mohammed', 'Fatima', 'Ahmed', 'Anna',
  'Piotr', 'Agnieszka', 'Tomasz', 'Maja', 'Ali', 'Aisha', 'Johan', 'Elin', 'Nils', 'Guro', 'Sverre', 'Oda',
];

export const SURNAMES: readonly string[] = [
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen',
  'Karlsen', 'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen',
  'Jacobsen', 'Dahl', 'Jørgensen', 'Halvorsen', 'Henriksen', 'Lund', 'Sørensen', 'Jakobsen', 'Moen',
  'Gundersen', 'Iversen', 'Strand', 'Solberg', 'Svendsen', 'Eide', 'Knutsen', 'Martinsen', 'Paulsen',
  'Bakken', 'Kristoffersen', 'Mathisen', 'Lie', 'Rasmussen', 'Amundsen', 'Lunde', 'Kristensen', 'Bakke',
  'Berge', 'Moe', 'Nygård', 'Fredriksen', 'Solheim', 'Holm', 'Vik', 'Aas', 'Myklebust', 'Haugland',
  'Kvamme', 'Nordmann', 'Ali', 'Nowak', 'Khan', 'Hussain', 'Kowalski',
];
