/** The file formats the exporters write. Apart from them, so that naming a format loads neither. */
export type OutputFormat = 'docx' | 'pdf';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['docx', 'pdf'];
