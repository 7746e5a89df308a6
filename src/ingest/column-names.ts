/**
 * The names under which exports hold each column, in English and the common European languages. A score
 * column is found by a short name (`Score`, `NPS`, `Bewertung`, `Note`, `Puntuación` ...) or by the
 * standard NPS question text ("How likely are you to recommend ...", "Wie wahrscheinlich ist es, dass Sie
 * ... empfehlen"), and never in a derived group or category column (Qualtrics' `Q5_NPS_GROUP` holds 1/2/3,
 * which would pass for scores).
 */

const SCORE_NAMES = new Set([
  // English
  "score", "nps", "nps score", "nps_score", "net promoter score", "rating", "likelihood to recommend", "recommend", "recommendation",
  // German, French, Spanish, Italian, Dutch, Portuguese, Polish, Swedish, Danish/Norwegian, Finnish
  "bewertung", "punktzahl", "weiterempfehlung", "empfehlung",
  "note", "score nps", "recommandation",
  "puntuación", "puntuacion", "puntaje", "calificación", "calificacion", "valoración", "valoracion", "recomendación", "recomendacion",
  "punteggio", "valutazione", "voto", "raccomandazione",
  "cijfer", "beoordeling", "aanbeveling",
  "pontuação", "pontuacao", "nota", "avaliação", "avaliacao", "recomendação",
  "ocena", "betyg", "karakter", "arvosana",
]);

const SCORE_QUESTIONS: readonly RegExp[] = [
  /\blikel(y|ihood)\b.*\brecommend/, // How likely is it that you would recommend ...
  /\bnps\b/,
  /wahrscheinlich.*(empfehlen|weiterempfehlen)/,
  /probabilit[ée].*recommand|recommanderiez|recommanderais/,
  /probab.*recomi?end|recomendar[ií]as?\b/,
  /probabil.*(consigli|raccomand)|consiglieresti|raccomanderesti/,
  /waarschijnlijk.*(aanbevelen|aanraden)/,
  /probabilidade.*recomend|recomendaria\b/,
  /sannolik.*rekommendera/,
  /sandsynlig.*anbefale|sannsynlig.*anbefale/,
  /todennäköis.*suosittel/,
  /prawdopodob.*poleci/,
];

// Derived columns (NPS group, category, the reason for a score) are never the score.
const NOT_SCORE = /nps[_ ]?group|\b(group|gruppe|groupe|grupo|gruppo|groep|category|categor[ií]a|catégorie|kategorie|categorie|segment|type|reason|why|comment|kommentar|commentaire|comentario|commento)\b/;

export function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, " ");
}

/** Whether one of a column's names (its header, or question text) says it holds the 0-10 score. */
export function isScoreName(names: readonly string[]): boolean {
  const normalised = names.map(normalise);
  if (normalised.some((name) => NOT_SCORE.test(name))) return false;
  return normalised.some((name) => SCORE_NAMES.has(name.replace(/[?:.]+$/, "")) || SCORE_QUESTIONS.some((pattern) => pattern.test(name)));
}

// Delighted: "Created At"; Typeform: "Submit Date (UTC)"; SurveyMonkey: "End Date"; Qualtrics: "RecordedDate".
export const DATE_NAMES = [
  "created at", "created_at", "date", "timestamp", "submitted at", "submit date (utc)", "response date", "recordeddate", "end date", "enddate",
  "submitted", "created", "datum", "zeitpunkt", "datum/uhrzeit", "erstellt am", "fecha", "data", "date de réponse", "zeitstempel", "horodateur", "horodatage", "marca temporal",
];

/** Per-response identifiers: the same value twice is the same response exported twice. */
export const RESPONSE_ID_NAMES = ["response id", "responseid", "response_id", "respondent id", "submission id", "#", "token", "id"];

/** Per-person identifiers: the same value twice is the same person answering twice. */
export const RESPONDENT_NAMES = [
  "email", "e-mail", "email address", "e-mail address", "recipientemail", "customer email", "user email", "e-mail-adresse", "adresse e-mail",
  "correo electrónico", "customer id", "user id", "person id", "contact id", "externalreference", "external reference", "kundennummer", "numéro client",
];

// Segment columns are picked up only when the name leaves no doubt (Delighted person property "Lifecycle Stage").
export const SEGMENT_NAMES = ["lifecycle stage", "lifecycle_stage", "lifecycle", "segment", "customer segment"];
