/**
 * Common given names in Norway (the most frequent Norwegian names in SSB's name statistics, plus frequent names of
 * the largest immigrant groups). Used where a capitalised word can only be told from an ordinary word by being a
 * known first name: before a surname in text no display name covers ("Ingrid Solberg"), and after a greeting
 * ("Hei Kari!"). Display names seen in the thread are handled separately and need no list.
 */
export const COMMON_FIRST_NAMES: ReadonlySet<string> = new Set(
  `Anne Inger Kari Marit Ingrid Liv Eva Berit Astrid Bjørg Hilde Anna Solveig Marianne Randi Ida Nina Maria Elisabeth
  Kristin Bente Heidi Silje Hanne Gerd Linda Tone Tove Elin Anita Wenche Camilla Ragnhild Karin Ellen Turid Grethe
  Julie Sigrid Mona Ingeborg Sara Emma Nora Thea Ingvild Mari Stine Siri Marte Kristine Karen Synnøve Torill Unni Gunn
  Laila Monica Trine Cecilie Lene Lise Ane Maja Olivia Ella Sofie Leah Frida Amalie Vilde Hedda Tuva Oda Helene Helga
  Aud Reidun Eli Siv Linn Hanna Malin Guro Kjersti Tonje Åse Jorunn Vigdis Hege Janne Lena Tina Ann Vibeke Kirsten
  Jan Per Bjørn Ole Lars Kjell Knut Arne Svein Thomas Hans Geir Tor Morten Terje Odd Erik Martin Andreas John Rune
  Anders Jon Trond Harald Tore Rolf Leif Olav Jens Kristian Einar Tom Øyvind Daniel Stian Magnus Jonas Henrik
  Kristoffer Espen Frode Gunnar Helge Nils Stein Petter Eirik Sindre Sander Emil Mathias Håkon Sigurd Aksel Filip
  Noah Oskar Jakob Isak Lucas William Oliver Elias Tobias Vidar Dag Are Fred Frank Steinar Egil Ivar Asbjørn Kåre Ola
  Johannes Jørgen Vegard Sverre Even Marius Alexander Fredrik Christian Kjetil Roger Ronny Tommy Øystein Ragnar Halvor
  Mohammed Mohamed Muhammad Ahmed Ali Hassan Hussein Omar Fatima Aisha Amina Maryam Zainab Yusuf Ibrahim Abdi Piotr
  Tomasz Krzysztof Agnieszka Katarzyna Marek Andrzej Olga Natalia Irina Tomas Linh Minh Mette Hanne
  Gunhild Gunnhild Torunn Margrethe Margit Signe Bodil Gro Ruth Else Jenny Line Marie Martine Mathilde Ingunn Ine
  Johanne Karoline Kaja Live Selma Ronja Andrea Mia Julia Victoria Pernille Susanne Kathrine Christine Kristina
  Ellinor Rikke Renate Gry Torhild Sølvi Magnhild Dagny Borghild Oddny Jorid Anja Iselin Mina Sunniva Vilja Alma
  Åshild Brit Britt Grete Tiril Lill Reidun Ranveig Gunvor Ragna Tordis Kirsti Hild Marita Ann-Kristin Anne-Lise
  Torbjørn Johan Jostein Arnfinn Asle Audun Bård Bent Birger Bjarne Bjørnar Eilif Eivind Endre Erlend Finn Gaute
  Gisle Gjermund Glenn Gudmund Gustav Harry Hallvard Haakon Herman Idar Ingar Inge Ingvar Jarle Joakim Jørn Kai
  Karl Kenneth Kim Kristen Kurt Leiv Lasse Mads Mikkel Njål Nikolai Ottar Pål Peder Preben Reidar Robert Roar
  Runar Sigmund Simen Sivert Snorre Stig Sturla Sondre Sveinung Thor Thorvald Tormod Trygve Ulf Ulrik Vebjørn
  Viggo Yngve Åge Ørjan Brage Theodor Ludvig Olai Edvard Jacob Adrian Benjamin Sebastian Markus Kasper Jo
  Abdullahi Mustafa Mahmoud Khalid Samir Karim Reza Leila Nadia Hiba Yasmin Ayan Hodan Ewa Magdalena Joanna
  Paweł Michał Jakub Łukasz Marcin Dariusz Rasa Jurgita Darius Ahmad Hamid Fatemeh`
    .split(/\s+/)
    .filter((n) => n !== ''),
);
