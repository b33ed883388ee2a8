/** What a volunteer has done before a first match: recorded dates and assessments (the rules are in volunteer-readiness.ts). */

export type CertificateAssessment = 'approved' | 'not-approved';

export interface Screening {
  readonly introduction?: { readonly on: string; readonly by: string };
  /** When the confidentiality declaration was accepted, and by whom it was recorded ("volunteer" when themselves). */
  readonly confidentiality?: { readonly at: string; readonly by: string };
  readonly course?: { readonly on: string };
  /** The børneattest: dates and assessment only, never the certificate. */
  readonly childCertificate?: {
    readonly requestedOn?: string;
    readonly decidedOn?: string;
    readonly assessment?: CertificateAssessment;
  };
}

export type Missing =
  | 'introduction'
  | 'confidentiality'
  | 'course'
  | 'child-certificate'
  | 'child-certificate-expired';
