/** What a class must look like: shared by the route validation and the forms (free of zod). */
export const MAX_CLASS_NAME_LENGTH = 80;
