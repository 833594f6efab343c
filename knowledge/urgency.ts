// Recognises questions that describe acute danger now, as opposed to questions about a topic.
// "Waar meld ik kindermishandeling?" is about a topic; "hij slaat haar nu" is acute.
// Works on folded text (lowercase, no accents, single spaces).

export type UrgencyKind = 'geweld' | 'suicide';

export interface Urgency {
  urgent: boolean;
  kind: UrgencyKind | null;
}

const NOT_URGENT: Urgency = { urgent: false, kind: null };

// A weapon in the situation is always acute.
const WEAPON = /\b(mes|messen|keukenmes|wapen|wapens|vuurwapen|pistool|revolver|geweer|bijl|hakbijl|machete|schiet|schieten|beschoten|steekt|steken|gestoken|neergestoken|knuppel)\b/;

// Direct threats to life or health.
const LIFE_THREAT =
  /\b(levensgevaar|levensbedreigend|ademt niet|bewusteloos|buiten bewustzijn|bloedt|zwaargewond|zwaar gewond|gewurgd|wurgt|wurgen|verstikt|gijzelt|gegijzeld|ontvoerd|steekt .* in brand|in brand steken|brand gesticht|dreigt .*(dood|vermoorden|doden|afmaken|neer te steken|neer te schieten))\b/;

// Physical violence, acute only when the question places it in the here and now.
const PHYSICAL_VIOLENCE =
  /\b(slaat|slaan|sloeg|geslagen|schopt|schoppen|stompt|vecht|vechten|gevochten|knokken|knokpartij|vechtpartij|mishandelt|aanvalt|valt .* aan|aangevallen|duwt|gooit .* naar|in elkaar)\b/;
const HERE_AND_NOW =
  /\b(nu|nou|op dit moment|momenteel|net|zojuist|zo net|hier|hoor|zie|gebeurt|aan de balie|bij de balie|in de wachtkamer|in de spreekkamer|aan de deur|voor de deur|collega|mijn collega|gillen|gilt|schreeuwt om hulp|om hulp)\b/;

// Suicide: a word for it plus intent or an act, or a phrase that is intent on its own.
const SUICIDE_TOPIC = /\b(zelfmoord|suicide|suicidaal|zelfdoding|zich van het leven|van kant|uit het leven|einde aan|eind aan|dood willen|wil dood|niet meer (wil |wilt )?leven)\b/;
const SUICIDE_INTENT =
  /\b(wil|wilt|willen|gaat|gaan|dreigt|van plan|plan|plannen|zegt dat|vandaag|vanavond|nu|straks|afscheid|afscheidsbrief|poging|pogingen)\b/;
const SUICIDE_ACT =
  /\b(pillen (ingenomen|geslikt)|overdosis (genomen|ingenomen)|staat op (het dak|de brug|het spoor)|op het spoor|voor de trein (springen|te springen)|afscheidsbrief|(wil|wilt) er een (eind|einde) aan maken|(wil|wilt) niet meer leven|niet meer (wil|wilt) leven|(wil|wilt) dood|dood (wil|wilt)|zich van kant (maken|te maken)|zich van het leven (beroven|te beroven))\b/;

/** Does the folded question describe acute danger now, and of which kind? */
export function detectUrgency(foldedQuestion: string): Urgency {
  const text = foldedQuestion;
  if (SUICIDE_ACT.test(text) || (SUICIDE_TOPIC.test(text) && SUICIDE_INTENT.test(text))) {
    return { urgent: true, kind: 'suicide' };
  }
  if (WEAPON.test(text) || LIFE_THREAT.test(text)) return { urgent: true, kind: 'geweld' };
  if (PHYSICAL_VIOLENCE.test(text) && HERE_AND_NOW.test(text)) return { urgent: true, kind: 'geweld' };
  return NOT_URGENT;
}
