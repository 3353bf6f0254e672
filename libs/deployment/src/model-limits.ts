/**
 * What one upload, check or draft may hold: the same limits whether the files come as a
 * multipart upload or as JSON from the administrators' editors.
 */
export const MAX_MODEL_FILES = 50;
export const MAX_MODEL_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_DRAFT_NAME_LENGTH = 120;

/** A file name the editors may use: no folders, one of the three kinds. */
export const MODEL_FILE_NAME = /^[\w.\- ]+\.(bpmn|dmn|form)$/;

/**
 * The largest JSON body that carries MAX_MODEL_FILES files of MAX_MODEL_FILE_BYTES each: JSON
 * escapes quotes and line breaks of XML, so the body is larger than the files by some.
 */
export const MAX_MODEL_FILES_BODY = `${Math.ceil((MAX_MODEL_FILES * MAX_MODEL_FILE_BYTES * 1.2) / (1024 * 1024))}mb`;

