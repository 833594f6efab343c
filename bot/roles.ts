// The refusal every coordinator-only command gives. Who is a coordinator: Werkgroep.isCoordinator
// (the configured COORDINATORS plus those added in chat).
export const NOT_A_COORDINATOR = 'Dit kan alleen een coördinator van de werkgroep Zorg & Veiligheid. Vraag een coördinator om het te doen.';
