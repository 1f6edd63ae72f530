/**
 * Letters to Northvale Homes for the damp-housing case's written task, as two students might write
 * them in their own words: the same facts and the same ask, phrased independently.
 */

/** 211 words. */
export const MEI_LETTER = `Dear Repairs and Damp Team,

I am writing from the paediatric team at Northvale General Hospital about the flat of Marta Kowalska
and her son Leo, aged four, at 14 Alder Court. Marta has agreed that we share these details with you.

Leo has asthma. He has been admitted to our ward three times since October with severe attacks, most
recently last week. His preventer inhaler is taken correctly, yet his symptoms worsen while he is at
home. Marta reports black mould on the bedroom walls and ceiling, condensation on the windows every
morning, and a leak under the bathroom window that was reported to you in August.

We are not in a position to say what caused Leo's asthma, and we do not ask you to accept that. We do
ask you to treat the damp and mould as a hazard to a young child with a serious lung condition.

Please inspect the flat within fourteen days, send Marta a written summary of what you found, and
tell her when the work will start. If the bedroom cannot be made safe quickly, please discuss a
temporary move with her.

Please reply to me at the address above, and copy Marta in. Thank you.

Yours sincerely,
Dr Amara Okafor, Paediatric Registrar`;

/** Sipho's own letter on the same prompt: the same case facts, his own words and order. */
export const SIPHO_LETTER = `To the Northvale Homes damp team,

Re: urgent repair request, 14 Alder Court

With Marta Kowalska's consent, our paediatric department is contacting you regarding her home. Her
four-year-old son Leo lives with asthma and has needed hospital care on three occasions this winter.
During each stay his breathing improved, and it deteriorated again after discharge.

Marta describes spreading mould in the child's bedroom, streaming windows and water coming in beneath
the bathroom window. She first told your office about the leak during the summer and has not had a
visit since.

Damp and mould are recognised hazards for children whose lungs are already vulnerable. We make no
claim about the cause of his condition; we are asking that the hazard be assessed and removed.

Specifically, we request that a surveyor visits within two weeks, that the family receives the
findings in writing along with a date for repairs, and that alternative accommodation is considered
if the room stays unsafe in the meantime.

I would be grateful for a response by letter or email to the ward, with a copy sent to Marta. Our
team is happy to provide further information if it would help.

Kind regards,
Nurse Daniel Reyes, Paediatric Ward`;
