/* kl-enums.h: enumerations of the core domain model (GTypes made by glib-mkenums). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* How a target value was qualified when it was typed. */
typedef enum {
  KL_QUALIFIER_NONE,      /* empty cell */
  KL_QUALIFIER_EXACT,     /* "17.501", "99,4%" */
  KL_QUALIFIER_GT,        /* ">17600", "trên 90%" */
  KL_QUALIFIER_GE,        /* "≥ 95", "từ 85 trở lên" */
  KL_QUALIFIER_LT,        /* "< 5", "dưới 5" */
  KL_QUALIFIER_LE,        /* "≤ 5", "không quá 5" */
  KL_QUALIFIER_MAINTAIN,  /* "Duy trì 98,5": met by >= the number */
  KL_QUALIFIER_RANGE,     /* "15-20": number .. number_max */
  KL_QUALIFIER_DASH,      /* "-": explicitly no figure */
  KL_QUALIFIER_STATUS,    /* "Đạt", "Không đạt": a status word, no figure */
  KL_QUALIFIER_TEXT,      /* any other free text */
} KlQualifier;

/* Evaluation of a target (computed, never stored). */
typedef enum {
  KL_STATUS_NO_DATA,      /* chưa có số liệu */
  KL_STATUS_NOT_MET,      /* không đạt */
  KL_STATUS_MET,          /* đạt */
  KL_STATUS_EXCEEDED,     /* vượt */
} KlStatus;

typedef enum {
  KL_DIRECTION_AUTO,          /* guessed from the name and qualifiers */
  KL_DIRECTION_HIGHER_BETTER,
  KL_DIRECTION_LOWER_BETTER,
} KlDirection;

typedef enum {
  KL_TARGET_KIND_COMPONENT,   /* chỉ tiêu thành phần */
  KL_TARGET_KIND_MAIN,        /* chỉ tiêu chính */
  KL_TARGET_KIND_GROUP,       /* a group row ("3 Các chỉ tiêu nông nghiệp…"), no figures */
} KlTargetKind;

typedef enum {
  KL_DOCUMENT_STATE_DRAFT,
  KL_DOCUMENT_STATE_ISSUED,
} KlDocumentState;

typedef enum {
  KL_SECRECY_NONE,
  KL_SECRECY_MAT,        /* MẬT */
  KL_SECRECY_TOI_MAT,    /* TỐI MẬT */
  KL_SECRECY_TUYET_MAT,  /* TUYỆT MẬT */
} KlSecrecy;

typedef enum {
  KL_URGENCY_NONE,
  KL_URGENCY_KHAN,       /* KHẨN */
  KL_URGENCY_THUONG_KHAN,/* THƯỢNG KHẨN */
  KL_URGENCY_HOA_TOC,    /* HỎA TỐC */
} KlUrgency;

typedef enum {
  KL_MEETING_BODY_BCH,   /* Ban Chấp hành */
  KL_MEETING_BODY_BTV,   /* Ban Thường vụ */
  KL_MEETING_BODY_TT,    /* Thường trực */
} KlMeetingBody;

typedef enum {
  KL_MEETING_REGULAR,       /* thường kỳ */
  KL_MEETING_EXTRAORDINARY, /* bất thường / đột xuất */
  KL_MEETING_EXTENDED,      /* mở rộng */
} KlMeetingType;

G_END_DECLS
