package inflect

import (
	"testing"

	"golang.org/x/text/language"
)

func TestMatch(t *testing.T) {
	ru, kk, en := For(language.Russian), For(language.Kazakh), For(language.English)
	tests := []struct {
		name  string
		m     Matcher
		form  string
		lemma string
		want  bool
	}{
		{"ru accusative", ru, "квартиру", "квартира", true},
		{"ru prepositional", ru, "квартире", "квартира", true},
		{"ru genitive plural", ru, "квартир", "квартира", true},
		{"ru tenant is not a flat", ru, "квартирант", "квартира", false},
		{"ru tenants are not flats", ru, "квартирантами", "квартира", false},
		{"ru capital letters", ru, "Москве", "Москва", true},
		{"ru yo", ru, "землёй", "земля", true},
		{"ru plural people", ru, "россиян", "россияне", true},
		{"ru name", ru, "Дмитрия", "Дмитрий", true},
		{"ru mobilisation", ru, "мобилизацию", "мобилизация", true},
		{"ru alien", ru, "инопланетянина", "инопланетянин", true},
		{"ru adjective", ru, "государственное", "государственный", true},
		{"ru different word", ru, "фронтон", "фронт", false},
		{"ru Kazakhstan is not Kazakh", ru, "Казахстан", "казах", false},
		{"ru hyphenated compound", ru, "агента-провокатора", "агент-провокатор", true},
		{"ru hyphenated, first part fixed", ru, "интернет-омбудсмена", "интернет-омбудсмен", true},
		{"ru hyphenated, another compound", ru, "агента-посредника", "агент-провокатор", false},
		{"ru hyphenated form of a plain word", ru, "агента-провокатора", "агент", false},
		{"ru genitive plural -ов", ru, "тыйынов", "тыйын", true},
		{"ru surname in -ов, genitive", ru, "Каримджанова", "Каримджанов", true},
		{"ru surname in -ов, instrumental", ru, "Каримджановым", "Каримджанов", true},
		{"ru surname in -ин, dative", ru, "Путину", "Путин", true},
		{"ru surname, another name", ru, "Каримовым", "Каримджанов", false},
		{"kk locative", kk, "пәтерде", "пәтер", true},
		{"kk possessive 1sg", kk, "пәтерім", "пәтер", true},
		{"kk dative", kk, "пәтерге", "пәтер", true},
		{"kk plural dative", kk, "пәтерлерге", "пәтер", true},
		{"kk rent is not a flat", kk, "пәтерақы", "пәтер", false},
		{"kk wrong harmony", kk, "пәтерда", "пәтер", false},
		{"kk hostel genitive", kk, "хостелдің", "хостел", true},
		{"kk hostels dative", kk, "хостелдерге", "хостел", true},
		{"kk city locative-adjectival", kk, "Алматыдағы", "Алматы", true},
		{"kk Moscow locative", kk, "Мәскеуде", "Мәскеу", true},
		{"kk Russia ablative", kk, "Ресейден", "Ресей", true},
		{"kk West instrumental", kk, "Батыспен", "Батыс", true},
		{"kk visa privative", kk, "визасыз", "виза", true},
		{"kk abbreviation", kk, "КСРО-ны", "КСРО", true},
		{"kk voicing", kk, "кітабы", "кітап", true},
		{"kk kvartira possessive", kk, "квартирам", "квартира", true},
		{"kk front line dative", kk, "майданға", "майдан", true},
		{"kk different word", kk, "майдалау", "майдан", false},
		{"kk relational adjective", kk, "тыйындық", "тыйын", true},
		{"kk abstract noun, front", kk, "мүшелік", "мүше", true},
		{"kk adjective then case", kk, "тыйындықты", "тыйын", true},
		{"kk adjective, wrong harmony", kk, "тыйындік", "тыйын", false},
		{"kk Russian form", kk, "Москва", "Мәскеу", false},
		{"en exact", en, "Almaty", "almaty", true},
		{"en no inflection", en, "hostels", "hostel", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.m.Match(tt.form, tt.lemma); got != tt.want {
				t.Errorf("Match(%q, %q) = %v, want %v", tt.form, tt.lemma, got, tt.want)
			}
		})
	}
}

func TestFind(t *testing.T) {
	ru, kk := For(language.Russian), For(language.Kazakh)
	tests := []struct {
		name         string
		m            Matcher
		text, phrase string
		want         int
	}{
		{"ru phrase inflected", ru, "…уехали в бывшие республики Советского Союза, а потом о бывших республиках Советского Союза", "бывшие республики Советского Союза", 2},
		{"ru phrase broken", ru, "бывшие советские республики", "бывшие республики Советского Союза", 0},
		{"ru state TV", ru, "имея в виду российское государственное телевидение", "государственное телевидение", 1},
		{"kk phrase, last word inflected", kk, "бұрынғы Кеңес Одағы республикаларына кетті", "бұрынғы Кеңес Одағы республикалары", 1},
		{"kk state TV accusative", kk, "Ресейдің мемлекеттік теледидарын меңзеп", "мемлекеттік теледидар", 1},
		{"kk alien", kk, "бір өзге планеталықты кездестіреді. Өзге планеталық:", "өзге планеталық", 2},
		{"kk hyphenated word", kk, "Алма-Ата", "Алма-Ата", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(Find(tt.m, tt.text, tt.phrase)); got != tt.want {
				t.Errorf("Find(%q in %q) = %d matches, want %d", tt.phrase, tt.text, got, tt.want)
			}
		})
	}
}
