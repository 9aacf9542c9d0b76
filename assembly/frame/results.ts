// What a framer's next*Record() returns besides a negated STATUS_* error.
export const FRAME_NEED_MORE: i32 = 0;
export const FRAME_RECORD: i32 = 1;
